import type { Command } from 'commander';
import {
  type DeadLetterView,
  executeRedrive,
  OpsAuditWriter,
  planRedrive,
  readDeadLetters,
  viewOf,
} from '@ledgerhook/operations';
import type { CliIo } from '../cli/cli-io';
import { withKafka } from '../cli/kafka-session';
import { writeJson } from '../output/json-output';
import { renderTable } from '../output/table';
import { AUDIT_CLIENT } from './replay.command';

const collect = (value: string, previous: string[] = []): string[] => {
  if (!/^\d+:\d+$/.test(value)) throw new Error(`--offset must be partition:offset, got ${value}`);
  return [...previous, value];
};

function renderLetters(letters: readonly DeadLetterView[]): string {
  return renderTable(
    ['at', 'ce_type', 'came from', 'failed at', 'error'],
    letters.map((letter) => [
      `${letter.partition}:${letter.offset}`,
      letter.ceType ?? '-',
      letter.sourceTopic ? `${letter.sourceTopic} ${letter.sourcePartition}:${letter.sourceOffset}` : '-',
      letter.failedAt ?? '-',
      (letter.error ?? '-').slice(0, 120),
    ]),
  );
}

export function registerDlqCommand(program: Command, io: CliIo): void {
  const dlq = program
    .command('dlq')
    .description("A consumer's dead letters (dlq.<consumer>.v1): list them, send them again.");

  dlq
    .command('list')
    .description('Lists the dead letters: where each came from and why it failed (never its body).')
    .requiredOption('--consumer <name>', 'e.g. lifecycle-projector, report-retriever')
    .option('--json', 'print JSON: { "consumer", "letters": [...] }')
    .action(async (options: { consumer: string; json?: boolean }) => {
      await withKafka(io, async ({ kafka, admin }) => {
        const letters = (await readDeadLetters(kafka, admin, options.consumer)).map(viewOf);
        if (options.json) return writeJson(io, { consumer: options.consumer, letters });
        io.stdout.write(`${renderLetters(letters)}${letters.length} dead letter(s)\n`);
      });
    });

  dlq
    .command('redrive')
    .description(
      'Sends dead letters again through retry.<consumer>.v1, to the handler of the topic each came from (the inbox keeps one applied once, however often it is sent). Dry run unless --execute.',
    )
    .requiredOption('--consumer <name>', 'e.g. lifecycle-projector, report-retriever')
    .option('--offset <partition:offset>', 'only this dead letter (repeatable; default: all)', collect)
    .option('--execute', 'send them (default: dry run, shows what would be sent, changes nothing)')
    .option(
      '--json',
      'print JSON: { "executed": false, "plan" } or { "executed": true, "operationId", "plan" }',
    )
    .action(async (options: { consumer: string; offset?: string[]; execute?: boolean; json?: boolean }) => {
      const request = { consumer: options.consumer, ...(options.offset ? { select: options.offset } : {}) };
      await withKafka(io, async ({ kafka, admin, config }) => {
        if (!options.execute) {
          const plan = await planRedrive(kafka, admin, request);
          if (options.json) return writeJson(io, { executed: false, plan });
          io.stdout.write(
            `dry run: nothing sent (add --execute)\n${renderLetters(plan.letters)}${plan.letters.length} dead letter(s) would go to ${plan.to}\n`,
          );
          return;
        }
        const audit = await OpsAuditWriter.open(kafka, admin, {
          actor: config.operator,
          client: AUDIT_CLIENT,
        });
        try {
          const { operationId, value: plan } = await executeRedrive(kafka, admin, audit, request);
          if (options.json) return writeJson(io, { executed: true, operationId, plan });
          io.stdout.write(
            `redriven (audit operation ${operationId}): ${plan.letters.length} dead letter(s) sent to ${plan.to}\n`,
          );
        } finally {
          await audit.close();
        }
      });
    });
}
