// bench/projection: fills fresh Credfin and Bridge raw topics with realistic events, then measures in
// the same run (1) a bare kafkajs consumer reading them without doing anything and (2) the built
// lifecycle-projector projecting them into an empty database (inbox, projection, outbox, commits).
//   npm run bench:projection           (BENCH_EVENTS=200000 by default)
// It runs its own broker (127.0.0.1:19192, wiped before and after) so the topics hold only its events.
import { spawn } from 'node:child_process';
import { TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { dlqTopicSpec, TOPIC_CATALOGUE, TOPICS } from '@ledgerhook/contracts';
import { databaseUrlFor, dropDatabase, ensureDatabase, loadDatabaseConfig } from '@ledgerhook/database';
import { createIdempotentProducer, createKafkaClient, ensureTopics } from '@ledgerhook/kafka';
import { endOffsets, countSince, LocalKafkaInstance } from '@ledgerhook/kafka/testing';
import { createLogger } from '@ledgerhook/platform';
import type { Admin, Kafka } from 'kafkajs';
import { syntheticRecords, type RawRecord } from './synthetic-events';

const root = path.resolve(__dirname, '..', '..');
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 200_000);
const broker = new LocalKafkaInstance(19192);
const BROKERS = broker.brokers;
const TOPICS_READ = [TOPICS.credfinRaw, TOPICS.bridgeRaw];

async function fill(kafka: Kafka): Promise<number> {
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  let count = 0;
  let pending: RawRecord[] = [];
  const flush = async () => {
    const byTopic = new Map<string, RawRecord[]>();
    for (const r of pending) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, records]) => ({
        topic,
        messages: records.map(({ key, value, headers }) => ({ key, value, headers })),
      })),
    });
    count += pending.length;
    pending = [];
  };
  for (const batch of syntheticRecords(EVENTS)) {
    pending.push(...batch);
    if (pending.length >= 5_000) await flush();
  }
  await flush();
  await producer.disconnect();
  return count;
}

async function committed(admin: Admin, groupId: string): Promise<number> {
  let total = 0;
  for (const entry of await admin.fetchOffsets({ groupId, topics: TOPICS_READ })) {
    for (const p of entry.partitions) total += Math.max(0, Number(p.offset));
  }
  return total;
}

async function bareConsumer(kafka: Kafka, expected: number): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-bare-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topics: TOPICS_READ, fromBeginning: true });
  let seen = 0;
  let started = 0;
  const done = new Promise<number>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        if (started === 0) started = performance.now();
        seen += batch.messages.length;
        if (seen >= expected) resolve((performance.now() - started) / 1000);
      },
    });
  });
  const seconds = await done;
  await consumer.disconnect();
  return seconds;
}

/** Events/s from the projector's first commit to its last (boot and migrations excluded), and wall time. */
async function projector(admin: Admin, expected: number): Promise<{ rate: number; total: number }> {
  const database = `ledgerhook_bench_${randomBytes(4).toString('hex')}`;
  const base = loadDatabaseConfig('bench').url;
  const url = databaseUrlFor(base, database);
  await ensureDatabase(url);
  const groupId = `bench-projector-${randomBytes(4).toString('hex')}`;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['dist/apps/lifecycle-projector/src/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      KAFKA_BROKERS: BROKERS,
      DATABASE_URL: url,
      PORT: '3911',
      METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
      LIFECYCLE_PROJECTOR_GROUP_ID: groupId,
      SEED_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
      READ_API_TOKENS: `bench:${randomBytes(18).toString('hex')}:read`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    let firstAt = 0;
    let first = 0;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`lifecycle-projector exited with ${child.exitCode}`);
      const done = await committed(admin, groupId);
      if (firstAt === 0 && done > 0) {
        firstAt = performance.now();
        first = done;
      }
      if (done >= expected) {
        const now = performance.now();
        return { rate: (expected - first) / ((now - firstAt) / 1000), total: (now - spawnedAt) / 1000 };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await dropDatabase(url);
  }
}

async function main(): Promise<void> {
  broker.reset();
  broker.start();
  const kafka = createKafkaClient(
    { brokers: [BROKERS], clientId: 'bench', ssl: false },
    createLogger('bench', 'silent'),
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, TOPIC_CATALOGUE);
    process.stderr.write(`[bench] producing ${EVENTS} events…\n`);
    const fillStarted = performance.now();
    const produced = await fill(kafka);
    process.stderr.write(
      `[bench] produced ${produced} events in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s\n`,
    );

    process.stderr.write('[bench] bare kafkajs consumer…\n');
    const bareSeconds = await bareConsumer(kafka, produced);
    process.stderr.write('[bench] lifecycle-projector…\n');
    const dlqBefore = await endOffsets(admin, dlqTopicSpec('lifecycle-projector').name);
    const projected = await projector(admin, produced);
    const deadLettered = countSince(
      dlqBefore,
      await endOffsets(admin, dlqTopicSpec('lifecycle-projector').name),
    );

    const bareRate = produced / bareSeconds;
    const projectedRate = projected.rate;
    const lines = [
      `bench/projection — ${new Date().toISOString()} — node ${process.version}, ${produced} events (80% Credfin life cycles, 20% Bridge items)`,
      `${'consumer'.padEnd(46)} ${'events/s'.padStart(10)} ${'seconds'.padStart(9)}`,
      `${'bare kafkajs consumer (reads, does nothing)'.padEnd(46)} ${bareRate.toFixed(0).padStart(10)} ${bareSeconds.toFixed(1).padStart(9)}`,
      `${'lifecycle-projector (inbox+projection+outbox)'.padEnd(46)} ${projectedRate.toFixed(0).padStart(10)} ${(produced / projected.rate).toFixed(1).padStart(9)}`,
      '',
      `ratio projected / bare: ${(projectedRate / bareRate).toFixed(3)}; target: >= 5000 events/s projected`,
      `projector wall time including boot and migrations: ${projected.total.toFixed(1)} s; dead-lettered: ${deadLettered} (must be 0)`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
    if (deadLettered > 0) process.exitCode = 1;
  } finally {
    await admin.disconnect();
    broker.stop();
    broker.reset();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`[bench] ${error.stack ?? error.message}\n`);
  process.exit(1);
});
