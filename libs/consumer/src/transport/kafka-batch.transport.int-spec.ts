import { randomBytes } from 'node:crypto';
import { TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import { Controller, type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  buildCloudEventHeaders,
  dlqTopicName,
  retryTopicName,
  identifyProviderEvent,
  type TopicSpec,
} from '@ledgerhook/contracts';
import { databaseUrlFor, dropDatabase, loadDatabaseConfig } from '@ledgerhook/database';
import {
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  loadKafkaConfig,
} from '@ledgerhook/kafka';
import { endOffsets, readBetween, waitForGroupAtEnd, type EndOffsets } from '@ledgerhook/kafka/testing';
import { createLogger } from '@ledgerhook/platform';
import { startServiceForTest } from '@ledgerhook/platform/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { Client } from 'pg';
import { DLQ_HEADERS } from '../dead-letters/dead-letter.publisher';
import type { InboundEvent, OutboxMessage } from '../events/inbound-event';
import { RejectedEventError } from '../failures/consumer-errors';
import { consumerServiceImports } from '../nest/consumer-service.imports';
import { type BatchContext } from './batch-context';
import type { ConsumerOptions } from './consumer-options';
import { KafkaBatchTransport } from './kafka-batch.transport';

// KafkaBatchTransport as a service uses it: a Nest app whose @EventPattern handler writes one effect
// row per event (counting applications, so a double effect shows) and one outbox record, against the
// real broker and PostgreSQL.
const logger = createLogger('kafka-batch.transport.int-spec', 'silent');
const kafkaConfig = loadKafkaConfig('kafka-batch.transport.int-spec');
const kafka: Kafka = createKafkaClient(kafkaConfig, logger);
const suffix = randomBytes(4).toString('hex');
const name = `it-transport-${suffix}`;
const PATTERN = 'it.items.v1';
const sourceTopic = `it.transport-source.${suffix}`;
const outTopic = `it.transport-out.${suffix}`;
const dlqTopic = dlqTopicName(name);
const retryTopic = retryTopicName(name);
const baseUrl = loadDatabaseConfig('kafka-batch.transport.int-spec').url;
const databaseName = `ledgerhook_it_tr_${suffix}`;
const databaseUrl = databaseUrlFor(baseUrl, databaseName);
const spec = (topicName: string, partitions = 2): TopicSpec => ({
  name: topicName,
  partitions,
  retentionMs: -1,
  cleanupPolicy: 'delete',
  key: 'k',
  description: 'd',
});

/** What the handler does, set by each test. */
const hooks: { beforeApply?: (events: readonly InboundEvent[]) => Promise<void> } = {};

@Controller()
class ItemsController {
  @EventPattern(PATTERN)
  async apply(
    @Payload() events: readonly InboundEvent[],
    @Ctx() context: BatchContext,
  ): Promise<OutboxMessage[]> {
    await hooks.beforeApply?.(events);
    const manager = context.getManager();
    for (const event of events) {
      if (event.event.eventName === 'item.cursed') throw new Error('this event can never be applied');
      if (event.event.eventName === 'item.refused')
        throw new RejectedEventError('refused by the provider: 422');
    }
    await manager.query(
      `INSERT INTO it_effect (ce_id, topic) SELECT unnest($1::text[]), $2
       ON CONFLICT (ce_id) DO UPDATE SET applied = it_effect.applied + 1`,
      [events.map((event) => event.attributes.id), context.getTopic()],
    );
    return events.map((event) => ({
      topic: outTopic,
      key: event.record.key?.toString() ?? '',
      // A record no broker accepts (over message.max.bytes): the relay must set it aside.
      value:
        event.event.eventName === 'item.huge'
          ? 'x'.repeat(2_000_000)
          : JSON.stringify({ applied: event.attributes.id }),
      headers: { 'content-type': 'application/json' },
    }));
  }
}

@Module({})
class ItConsumerModule {
  static forRoot(consumer: Omit<ConsumerOptions, 'name'>): DynamicModule {
    return {
      module: ItConsumerModule,
      imports: consumerServiceImports({
        service: name,
        kafka,
        kafkaConfig,
        databaseUrl,
        logger,
        topics: [],
        consumer: { topicOverrides: { [PATTERN]: sourceTopic }, chunkSize: 4, ...consumer },
      }),
      controllers: [ItemsController],
    };
  }
}

function startConsumer(consumer: Omit<ConsumerOptions, 'name'> = {}): Promise<INestApplication> {
  return startServiceForTest({
    service: name,
    module: ItConsumerModule.forRoot({ policy: { retry: { initialMs: 10, maxMs: 100 } }, ...consumer }),
    logger,
    microservice: (app) => app.get(KafkaBatchTransport),
  });
}

let sequence = 0;
function item(itemId: number, type = 'item.refreshed') {
  const timestamp = 1_700_000_000_000 + sequence++ * 1_000;
  const body = Buffer.from(
    JSON.stringify({
      type,
      timestamp,
      content: { item_id: itemId, user_uuid: `00000000-0000-4000-8000-${String(itemId).padStart(12, '0')}` },
    }),
  );
  const identity = identifyProviderEvent('bridge', JSON.parse(body.toString()), body, TEST_ACCOUNT_REFS);
  if ('error' in identity) throw new Error(identity.error);
  const headers = buildCloudEventHeaders({
    source: 'bridge',
    eventName: identity.eventName,
    subject: identity.subject,
    dedupKey: identity.dedupKey,
    receivedAt: new Date(timestamp),
  });
  return { key: identity.partitionKey, value: body, headers };
}

async function readyz(app: INestApplication): Promise<{ status: number; reasons: Record<string, string> }> {
  const response = await fetch(`${await app.getUrl()}/readyz`);
  const body = (await response.json()) as { reasons?: Record<string, string> };
  return { status: response.status, reasons: body.reasons ?? {} };
}

/** Polls until `check` holds (each step waits for the system, not a fixed time). */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('KafkaBatchTransport (real Kafka and PostgreSQL)', () => {
  let admin: Admin;
  let producer: Producer;
  let db: Client;
  const apps: INestApplication[] = [];

  const effects = async (): Promise<Map<string, number>> => {
    const { rows } = await db.query('SELECT ce_id, applied FROM it_effect');
    return new Map(rows.map((row: { ce_id: string; applied: number }) => [row.ce_id, row.applied]));
  };
  const send = async (records: ReturnType<typeof item>[]) => {
    await producer.send({ topic: sourceTopic, acks: -1, messages: records });
  };
  const caughtUp = () => waitForGroupAtEnd(admin, name, [sourceTopic], 20_000);
  const start = async (consumer?: Omit<ConsumerOptions, 'name'>) => {
    const app = await startConsumer(consumer);
    apps.push(app);
    return app;
  };
  const stop = async (app: INestApplication) => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [spec(sourceTopic), spec(outTopic), spec(dlqTopic, 1), spec(retryTopic, 1)]);
    producer = createIdempotentProducer(kafka);
    await producer.connect();
    // The service creates the database and runs the platform migrations; the effect table is the test's.
    const app = await start();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(
      'CREATE TABLE it_effect (ce_id text PRIMARY KEY, topic text NOT NULL, applied int NOT NULL DEFAULT 1)',
    );
    await stop(app);
  });

  afterEach(async () => {
    hooks.beforeApply = undefined;
    for (const app of [...apps]) await stop(app);
  });

  afterAll(async () => {
    await db?.end();
    await producer?.disconnect();
    await admin
      .deleteTopics({ topics: [sourceTopic, outTopic, dlqTopic, retryTopic] })
      .catch(() => undefined);
    await admin.disconnect();
    await dropDatabase(databaseUrl);
  });

  it('applies each event once in its handler, dead-letters poison without blocking, commits and relays', async () => {
    const good = [item(1), item(2), item(1), item(3)];
    const duplicate = { ...good[0]!, headers: { ...good[0]!.headers, ce_id: item(9).headers['ce_id'] } };
    const undecodable = {
      key: 'item:1',
      value: Buffer.from('{"type":"item.refreshed"}'),
      headers: { ce_specversion: '1.0' },
    };
    const cursed = item(1, 'item.cursed');
    const refused = item(2, 'item.refused');
    const after = item(1);
    const outBefore = await endOffsets(admin, outTopic);
    const dlqBefore = await endOffsets(admin, dlqTopic);
    await producer.send({
      topic: sourceTopic,
      acks: -1,
      messages: [...good, duplicate, undecodable, cursed, refused, after] as never,
    });
    const app = await start();
    await caughtUp();

    // Effects: every good event exactly once, with the handler's pattern (not the overridden topic).
    const applied = await effects();
    expect([...applied.keys()].sort()).toEqual([...good, after].map((r) => r.headers['ce_id']).sort());
    expect([...applied.values()].every((n) => n === 1)).toBe(true);
    const { rows: topics } = await db.query('SELECT DISTINCT topic FROM it_effect');
    expect(topics).toEqual([{ topic: PATTERN }]);
    // Inbox: one claim per dedup key, the duplicate delivery skipped.
    const { rows: inbox } = await db.query(
      'SELECT count(*)::int AS n FROM platform.inbox WHERE consumer = $1',
      [name],
    );
    expect(inbox[0].n).toBe(good.length + 1);

    const dead = await readBetween(kafka, dlqTopic, dlqBefore, await endOffsets(admin, dlqTopic));
    expect(dead).toHaveLength(3);
    const reasons = dead.map((record) => record.headers[DLQ_HEADERS.error]?.toString() ?? '');
    expect(reasons.some((reason) => reason.includes('this event can never be applied'))).toBe(true);
    expect(reasons.some((reason) => reason.includes('refused by the provider: 422'))).toBe(true);
    expect(reasons.some((reason) => reason.includes('ce_id'))).toBe(true);
    const cursedLetter = dead.find(
      (record) => record.headers['ce_id']?.toString() === cursed.headers['ce_id'],
    );
    expect(cursedLetter?.value?.equals(cursed.value)).toBe(true);
    expect(cursedLetter?.headers[DLQ_HEADERS.topic]?.toString()).toBe(sourceTopic);

    // The outbox records of the applied events reached their topic; the outbox is empty again.
    await eventually(
      async () => (await db.query('SELECT count(*)::int AS n FROM platform.outbox')).rows[0].n === 0,
      'the outbox to drain',
    );
    const out = await readBetween(kafka, outTopic, outBefore, await endOffsets(admin, outTopic));
    expect(out.map((record) => JSON.parse(record.value?.toString() ?? '{}').applied).sort()).toEqual(
      [...applied.keys()].sort(),
    );
    expect((await readyz(app)).status).toBe(200);
  });

  it('replays nothing twice when stopped between a chunk’s transaction and its offset commit', async () => {
    const records = [item(20), item(21), item(22), item(23)];
    const target = records[0]!.headers['ce_id'];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const blocked = new Promise<void>((resolve) => (entered = resolve));
    let calls = 0;
    hooks.beforeApply = async (events) => {
      if (!events.some((event) => event.attributes.id === target)) return;
      calls++;
      if (calls === 1) {
        entered();
        await released;
      }
    };
    await send(records);
    const first = await start();
    await blocked;
    // Shutdown begins while the handler is inside the chunk's transaction: it finishes and commits
    // its effects, but the consumer no longer owns the partition, so the offset is not committed.
    const closing = stop(first);
    release();
    await closing;
    const appliedBefore = await effects();
    expect(appliedBefore.get(target)).toBe(1);

    await start();
    await caughtUp();
    const applied = await effects();
    for (const record of records) expect(applied.get(record.headers['ce_id'])).toBe(1);
    // The replayed chunk never reached the handler again: the inbox dropped it.
    expect(calls).toBe(1);
  });

  it('neither loses nor doubles an effect when a rebalance happens mid-batch', async () => {
    const records = Array.from({ length: 40 }, (_, i) => item(100 + i));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const blocked = new Promise<void>((resolve) => (entered = resolve));
    let first = true;
    hooks.beforeApply = async () => {
      if (!first) return;
      first = false;
      entered();
      await released;
    };
    await send(records);
    await start();
    await blocked;
    // A second member joins while the first is inside a batch: the group must rebalance.
    const joining = start();
    await eventually(async () => {
      const { groups } = await admin.describeGroups([name]);
      return groups[0]?.state === 'PreparingRebalance';
    }, 'the group to start rebalancing');
    release();
    await joining;
    await caughtUp();
    const applied = await effects();
    for (const record of records) expect(applied.get(record.headers['ce_id'])).toBe(1);
  });

  it('pauses on a systematic fault instead of dead-lettering, says why, and resumes once fixed', async () => {
    const dlqBefore = await endOffsets(admin, dlqTopic);
    const app = await start();
    await db.query('ALTER TABLE it_effect RENAME TO it_effect_moved');
    const records = Array.from({ length: 8 }, (_, i) => item(200 + i));
    await send(records);
    // Not ready while it retries, then paused with the reason (never dead-lettering).
    await eventually(
      async () =>
        /in a row failed the same way.*it_effect/.test((await readyz(app)).reasons['consumer'] ?? ''),
      'readiness to name the systematic fault',
    );
    expect((await readyz(app)).status).toBe(503);
    await db.query('ALTER TABLE it_effect_moved RENAME TO it_effect');
    await caughtUp();
    const applied = await effects();
    for (const record of records) expect(applied.get(record.headers['ce_id'])).toBe(1);
    expect(await endOffsets(admin, dlqTopic)).toEqual(dlqBefore);
    await eventually(async () => (await readyz(app)).status === 200, 'readiness to turn true again');
  });

  it('holds the partition and says so while the dead-letter topic refuses, then moves on', async () => {
    await admin.deleteTopics({ topics: [dlqTopic] });
    const app = await start({ deadLetterDeadlineMs: 500 });
    const cursed = item(300, 'item.cursed');
    const next = item(301);
    await send([cursed, next]);
    await eventually(
      async () => /dead-letter topic .* refused/.test((await readyz(app)).reasons['consumer'] ?? ''),
      'readiness to name the dead-letter topic',
    );
    // The offset stays before the refused dead letter: the group is not at the end.
    await expect(waitForGroupAtEnd(admin, name, [sourceTopic], 1_000)).rejects.toThrow(
      'did not reach the end',
    );
    await ensureTopics(admin, [spec(dlqTopic, 1)]);
    await caughtUp();
    expect((await effects()).get(next.headers['ce_id'])).toBe(1);
    const dead = await readBetween(kafka, dlqTopic, new Map(), await endOffsets(admin, dlqTopic));
    expect(dead.some((record) => record.headers['ce_id']?.toString() === cursed.headers['ce_id'])).toBe(true);
  });

  it('sets aside an outbox record Kafka can never accept and publishes the others in order', async () => {
    const outBefore: EndOffsets = await endOffsets(admin, outTopic);
    await start();
    const records = [item(400), item(400, 'item.huge'), item(400)];
    await send(records);
    await caughtUp();
    await eventually(
      async () =>
        (await db.query('SELECT count(*)::int AS n FROM platform.outbox WHERE rejected_at IS NULL')).rows[0]
          .n === 0,
      'the outbox to drain',
    );
    const { rows } = await db.query(
      'SELECT rejected_reason FROM platform.outbox WHERE rejected_at IS NOT NULL',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].rejected_reason).toContain('MESSAGE_TOO_LARGE');
    const out = await readBetween(kafka, outTopic, outBefore, await endOffsets(admin, outTopic));
    expect(out.map((record) => JSON.parse(record.value?.toString() ?? '{}').applied)).toEqual([
      records[0]!.headers['ce_id'],
      records[2]!.headers['ce_id'],
    ]);
  });

  it('turns readiness false, with the reason, when the kafkajs consumer crashes for good', async () => {
    // The broker refuses a session timeout under group.min.session.timeout.ms (6 s): a join error
    // kafkajs does not retry, so the consumer stops for good.
    const app = await start({ sessionTimeoutMs: 1_000 });
    await eventually(
      async () => /consumer crashed/.test((await readyz(app)).reasons['consumer'] ?? ''),
      'readiness to report the crash',
    );
    expect((await readyz(app)).status).toBe(503);
  });

  it('applies a record redriven to retry.<name>.v1 with the handler of the topic it came from', async () => {
    const app = await start();
    const redriven = item(500);
    const dlqBefore = await endOffsets(admin, dlqTopic);
    const stray = item(501);
    await producer.send({
      topic: retryTopic,
      acks: -1,
      messages: [
        { ...redriven, headers: { ...redriven.headers, [DLQ_HEADERS.topic]: sourceTopic } },
        // Redriven twice: the inbox applies it once.
        { ...redriven, headers: { ...redriven.headers, [DLQ_HEADERS.topic]: sourceTopic } },
        { ...stray, headers: { ...stray.headers, [DLQ_HEADERS.topic]: 'webhooks.elsewhere.v1' } },
      ],
    });
    await waitForGroupAtEnd(admin, name, [sourceTopic, retryTopic], 20_000);
    expect((await effects()).get(redriven.headers['ce_id'])).toBe(1);
    const { rows } = await db.query('SELECT topic FROM it_effect WHERE ce_id = $1', [
      redriven.headers['ce_id'],
    ]);
    expect(rows).toEqual([{ topic: PATTERN }]);
    const dead = await readBetween(kafka, dlqTopic, dlqBefore, await endOffsets(admin, dlqTopic));
    expect(dead.map((record) => record.headers[DLQ_HEADERS.error]?.toString())).toEqual([
      expect.stringContaining('webhooks.elsewhere.v1'),
    ]);
    expect((await readyz(app)).status).toBe(200);
  });
});
