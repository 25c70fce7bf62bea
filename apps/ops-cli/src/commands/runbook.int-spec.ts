import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { databaseUrlFor, dropDatabase, ensureDatabase, loadDatabaseConfig } from '@ledgerhook/database';
import { createIdempotentProducer } from '@ledgerhook/kafka';
import { waitForGroupAtEnd } from '@ledgerhook/kafka/testing';
import type { DeadLetterView } from '@ledgerhook/operations';
import { EXIT_CODES } from '../cli/exit-codes';
import { createLedgerService, ledgerEvent, type LedgerService } from '../testing/ledger-service';
import { runCaptured } from '../testing/run-captured';

// docs/operations.md cannot drift from the CLI: every `ledgerhook …` line of its ```sh blocks is run,
// in order, with its placeholders filled in by a consumer of this suite's own (a dead letter to look
// at, a group to replay, a raw event to republish); every inline `ledgerhook …` names a command.
const RUNBOOK = path.resolve(__dirname, '../../../../docs/operations.md');
const markdown = readFileSync(RUNBOOK, 'utf8');
const blockLines = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap((match) => (match[1] ?? '').split('\n'))
  .filter((line) => line.startsWith('ledgerhook '));
const inlineCommands = [...markdown.matchAll(/`ledgerhook ([a-z][a-z -]*?)(?: [<-][^`]*)?`/g)].map((match) =>
  (match[1] ?? '').trim(),
);

describe('docs/operations.md', () => {
  let service: LedgerService;
  let fill: Record<string, string>;
  const database = `ledgerhook_it_runbook_${randomBytes(4).toString('hex')}`;
  const databaseUrl = databaseUrlFor(loadDatabaseConfig('runbook.int-spec').url, database);

  beforeAll(async () => {
    service = await createLedgerService('runbook');
    const T0 = Date.now() - 10 * 60_000;
    const [ok, poison] = [ledgerEvent(1, T0), ledgerEvent(2, T0 + 1_000)];
    service.refused.add(poison.headers['ce_id'] as string);
    const producer = createIdempotentProducer(service.kafka);
    await producer.connect();
    await producer.send({ topic: service.topic, acks: -1, messages: [ok, poison] });
    await producer.disconnect();
    await service.start();
    await waitForGroupAtEnd(service.admin, service.group, [service.topic], 30_000);
    await service.stop();
    const letters = (await runCaptured(['dlq', 'list', service.name, '--json'])).json<{
      letters: DeadLetterView[];
    }>().letters;
    // The rebuild finds no projection in an empty database of its own: refused, nothing touched.
    await ensureDatabase(databaseUrl);
    fill = {
      '<consumer>': service.name,
      '<group>': service.group,
      '<topic>': service.topic,
      '<ce_id>': ok.headers['ce_id'] as string,
      '<time>': new Date(T0).toISOString(),
      '<partition:offset>': `${letters[0]?.partition}:${letters[0]?.offset}`,
    };
  });

  afterAll(async () => {
    await service?.dispose();
    await dropDatabase(databaseUrl);
  });

  it('has commands to run', () => {
    expect(blockLines.length).toBeGreaterThanOrEqual(10);
    expect(blockLines.join('\n')).toMatch(/dlq redrive .*--execute/);
  });

  it.each(blockLines)('%s runs: done, or refused by a guard', async (line) => {
    const argv = line
      .split(/\s+/)
      .slice(1)
      .map((word) => fill[word] ?? word);
    const run = await runCaptured(argv, {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LEDGERHOOK_OPERATOR: 'runbook-spec',
    });
    expect({ line, code: run.code, stderr: run.code === EXIT_CODES.ok ? '' : run.stderr }).toEqual({
      line,
      code: run.code === EXIT_CODES.refused ? EXIT_CODES.refused : EXIT_CODES.ok,
      stderr: run.code === EXIT_CODES.refused ? expect.stringMatching(/\S/) : '',
    });
  });

  it.each([...new Set(inlineCommands)])('`ledgerhook %s` names a command', async (command) => {
    const run = await runCaptured([...command.split(' '), '--help'], {});
    expect(run.code).toBe(EXIT_CODES.ok);
    expect(run.stdout).toContain(`Usage: ledgerhook ${command}`);
  });
});
