import { randomBytes, randomInt } from 'node:crypto';
import net from 'node:net';
import { TOPICS } from '@ledgerhook/contracts';
import { rawProviderRecord, TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import { databaseUrlFor, dropDatabase, loadDatabaseConfig } from '@ledgerhook/database';
import { createIdempotentProducer, createKafkaClient, loadKafkaConfig } from '@ledgerhook/kafka';
import { waitForGroupAtEnd } from '@ledgerhook/kafka/testing';
import { listSchemas } from '@ledgerhook/database/testing';
import { REBUILDABLE_PROJECTIONS, type RebuildOutcome } from '@ledgerhook/operations';
import { createLogger } from '@ledgerhook/platform';
import type { Admin } from 'kafkajs';
import { EXIT_CODES } from '../cli/exit-codes';
import { shadowProcess } from '../rebuild/shadow-process';
import { runCaptured } from '../testing/run-captured';

// `ledgerhook rebuild lifecycle-projector --execute` as an operator runs it: the live projector is a
// process of its own (started the way the CLI starts the shadow), on the catalogue's topics, in a
// database of this suite's own; the CLI runs the shadow process, swaps, and the live one answers on.
const TOKEN = 'it-read-token-0123456789abcdef';
const suffix = randomBytes(4).toString('hex');
const databaseUrl = databaseUrlFor(
  loadDatabaseConfig('rebuild.int-spec').url,
  `ledgerhook_it_rebuild_${suffix}`,
);
const liveGroup = `it-rebuild-live-${suffix}`;
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  SEED_ENCRYPTION_KEYS: `it:${randomBytes(32).toString('base64')}`,
  READ_API_TOKENS: `it-reader:${TOKEN}:read`,
  ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
  // Live and shadow side by side: any free metrics port each.
  METRICS_PORT: '0',
  HOST: '127.0.0.1',
  LEDGERHOOK_OPERATOR: 'rebuild-spec',
  LOG_LEVEL: 'warn',
};
const projection = REBUILDABLE_PROJECTIONS['lifecycle-projector']!;

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('ledgerhook rebuild --execute', () => {
  let admin: Admin;
  let live: { stop(): Promise<void> } | undefined;

  beforeAll(async () => {
    const kafka = createKafkaClient(
      loadKafkaConfig('rebuild.int-spec'),
      createLogger('rebuild.int-spec', 'warn'),
    );
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await live?.stop();
    await admin.deleteGroups([liveGroup]).catch(() => undefined);
    await admin.disconnect();
    await dropDatabase(databaseUrl);
  });

  it('runs the shadow service, swaps it in, and the live service answers the same throughout', async () => {
    const livePort = await freePort();
    live = await shadowProcess(projection, env, livePort)({ schema: projection.schema, groupId: liveGroup });
    const itemId = randomInt(100_000_000, 900_000_000);
    const producer = createIdempotentProducer(
      createKafkaClient(loadKafkaConfig('rebuild.int-spec'), createLogger('p', 'warn')),
    );
    await producer.connect();
    await producer.send({
      topic: TOPICS.bridgeRaw,
      acks: -1,
      messages: [
        rawProviderRecord('bridge', {
          type: 'item.created',
          timestamp: 1_700_000_000_000,
          content: { item_id: itemId, user_uuid: '766b2f5d-a942-492c-9ea7-2e5aa88cb672' },
        }),
      ],
    });
    await producer.disconnect();
    await waitForGroupAtEnd(admin, liveGroup, [TOPICS.bridgeRaw], 60_000);
    const read = () =>
      fetch(`http://127.0.0.1:${livePort}/bridge/items/${itemId}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      }).then(async (response) => `${response.status} ${await response.text()}`);
    const expected = await read();
    expect(expected).toMatch(/^200 /);

    let polling = true;
    const answers: string[] = [];
    const poller = (async () => {
      while (polling) answers.push(await read());
    })();
    let run: Awaited<ReturnType<typeof runCaptured>>;
    try {
      run = await runCaptured(
        [
          'rebuild',
          'lifecycle-projector',
          '--group',
          liveGroup,
          '--shadow-port',
          String(await freePort()),
          '--execute',
          '--json',
        ],
        env,
      );
    } finally {
      polling = false;
      await poller;
    }
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: EXIT_CODES.ok, stderr: '' });
    const { outcome } = run.json<{ outcome: RebuildOutcome }>();
    expect(outcome.tables.filter((table) => !table.identical)).toEqual([]);
    expect(outcome.tables.find((table) => table.table === 'bridge_item')?.shadowRows).toBeGreaterThan(0);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer !== expected)).toEqual([]);
    expect(await listSchemas(databaseUrl, 'lifecycle%')).toEqual(['lifecycle']);
    expect(await read()).toBe(expected);
  }, 240_000);
});
