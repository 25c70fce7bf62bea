import { TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { TOPIC_CATALOGUE } from '@ledgerhook/contracts';
import { databaseUrlFor, dropDatabase, ensureDatabase, loadDatabaseConfig } from '@ledgerhook/database';
import { createKafkaClient, ensureTopics } from '@ledgerhook/kafka';
import { LocalKafkaInstance } from '@ledgerhook/kafka/testing';
import { createLogger } from '@ledgerhook/platform';
import type { Admin, Kafka } from 'kafkajs';

// What the consumer benchmarks share: their own broker, the baseline (a bare kafkajs consumer that
// reads and does nothing) and the built consumer under test, timed by its group's committed offsets.

/** Records a group has committed on `topics`, summed over their partitions. */
export async function committed(admin: Admin, groupId: string, topics: readonly string[]): Promise<number> {
  let total = 0;
  for (const entry of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
    for (const p of entry.partitions) total += Math.max(0, Number(p.offset));
  }
  return total;
}

/** Seconds a bare kafkajs consumer takes to read `expected` records of `topics` from the beginning. */
export async function bareConsumer(
  kafka: Kafka,
  topics: readonly string[],
  expected: number,
): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-bare-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
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

export interface ConsumerAppRun {
  /** Records/s from the app's first offset commit to its last (boot and migrations excluded). */
  rate: number;
  /** Seconds from spawn to the last commit. */
  total: number;
}

/**
 * Runs the built app `dist/apps/<app>` against an empty database of its own under a new consumer
 * group until it has committed `expected` records of `topics`; `whenDone` runs before it is stopped.
 * `env` gets the database URL and the group id.
 */
export async function runConsumerApp<T>(options: {
  app: string;
  admin: Admin;
  topics: readonly string[];
  expected: number;
  env: (databaseUrl: string, groupId: string) => Record<string, string>;
  whenDone: () => Promise<T>;
}): Promise<ConsumerAppRun & { after: T }> {
  const url = databaseUrlFor(
    loadDatabaseConfig('bench').url,
    `ledgerhook_bench_${randomBytes(4).toString('hex')}`,
  );
  await ensureDatabase(url);
  const groupId = `bench-${options.app}-${randomBytes(4).toString('hex')}`;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [`dist/apps/${options.app}/src/main.js`], {
    cwd: path.resolve(__dirname, '..', '..'),
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      // Any free metrics port; one account-reference key for every consumer of the run.
      METRICS_PORT: '0',
      ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
      ...options.env(url, groupId),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    let firstAt = 0;
    let first = 0;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${options.app} exited with ${child.exitCode}`);
      // A group just created may not have its coordinator settled yet: ask again on the next turn.
      const done = await committed(options.admin, groupId, options.topics).catch((error: unknown) => {
        if ((error as { retriable?: boolean }).retriable) return 0;
        throw error;
      });
      if (firstAt === 0 && done > 0) {
        firstAt = performance.now();
        first = done;
      }
      if (done >= options.expected) {
        const now = performance.now();
        return {
          rate: (options.expected - first) / ((now - firstAt) / 1000),
          total: (now - spawnedAt) / 1000,
          after: await options.whenDone(),
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await dropDatabase(url);
  }
}

/** A broker of the bench's own (wiped before and after) with the catalogue's topics, for `run`. */
export async function withBenchBroker(
  port: number,
  run: (kafka: Kafka, admin: Admin) => Promise<void>,
): Promise<void> {
  const broker = new LocalKafkaInstance(port);
  broker.reset();
  broker.start();
  const kafka = createKafkaClient(
    { brokers: [broker.brokers], clientId: 'bench', ssl: false },
    createLogger('bench', 'silent'),
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, TOPIC_CATALOGUE);
    await run(kafka, admin);
  } finally {
    await admin.disconnect();
    broker.stop();
    broker.reset();
  }
}
