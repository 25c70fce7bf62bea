import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCloudEventHeaders } from '@ledgerhook/contracts';
import { createKafkaClient, loadKafkaConfig } from '@ledgerhook/kafka';
import { endOffsets, LocalKafkaInstance, readBetween } from '@ledgerhook/kafka/testing';
import { createLogger } from '@ledgerhook/platform';
import type { Admin, Kafka } from 'kafkajs';
import { post, providerHeaders } from './ingress-harness';
import type { IngressProcess } from './ingress.process';

// Test-only: what the spool's suites share. The spool against a real broker of its own, which they
// stop and start (a port derived from LOCAL_KAFKA_PORT, so engineers' runs side by side do not meet).

export const TOPIC = 'webhooks.creditchek.v1';

export interface Sent {
  key: string;
  status: number;
  id?: string;
}

export const creditchek = (borrowerId: string, n: number) =>
  Buffer.from(JSON.stringify({ event: 'pdf_upload', data: { borrowerId, n } }));

export async function send(ingress: IngressProcess, key: string, n: number): Promise<Sent> {
  const body = creditchek(key, n);
  try {
    const answer = await post(
      `${ingress.url}/webhooks/creditchek`,
      body,
      providerHeaders('creditchek', body),
    );
    return { key, status: answer.status, id: answer.body['id'] as string | undefined };
  } catch {
    return { key, status: 0 }; // connection cut without an answer
  }
}

export async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** ce_ids on the topic per key, in offset order, each id listed at its first occurrence. */
export async function onTopic(
  kafka: Kafka,
  admin: Admin,
): Promise<{ count: Map<string, number>; byKey: Map<string, string[]> }> {
  const records = await readBetween(kafka, TOPIC, new Map(), await endOffsets(admin, TOPIC), 60_000);
  const count = new Map<string, number>();
  const byKey = new Map<string, string[]>();
  for (const record of records) {
    const id = parseCloudEventHeaders(record.headers).id;
    count.set(id, (count.get(id) ?? 0) + 1);
    if ((count.get(id) ?? 0) > 1) continue;
    const key = String(record.key);
    byKey.set(key, [...(byKey.get(key) ?? []), id]);
  }
  return { count, byKey };
}

export function expectInOrderPerKey(sent: Sent[], byKey: Map<string, string[]>): void {
  for (const key of new Set(sent.map((s) => s.key))) {
    const answered = sent.filter((s) => s.key === key).map((s) => s.id as string);
    // CreditChek's partition key is the borrower.
    const landed = (byKey.get(`borrower:${key}`) ?? []).filter((id) => answered.includes(id));
    expect(landed.length).toBeGreaterThan(0);
    expect(landed).toEqual(answered);
  }
}

export interface SpoolSuite {
  broker: LocalKafkaInstance;
  kafka: Kafka;
  admin: Admin;
  /** A spool directory of the test's own, removed after the suite. */
  spoolDir(): string;
  /** The ingress's environment: this suite's broker, a spool directory, short publish deadlines. */
  ingressEnv(dir: string): Record<string, string>;
}

/**
 * Registers the suite's hooks: a fresh broker of its own on a port derived from LOCAL_KAFKA_PORT
 * (+ `portOffset`, so suites that stop their broker never share one), a Kafka client, clean-up.
 */
export function spoolSuite(portOffset: number): SpoolSuite {
  const broker = new LocalKafkaInstance(
    29_000 + (Number(process.env['LOCAL_KAFKA_PORT'] ?? 9092) % 1000) * 2 + portOffset,
  );
  const dirs: string[] = [];
  const suite: SpoolSuite = {
    broker,
    kafka: undefined as unknown as Kafka,
    admin: undefined as unknown as Admin,
    spoolDir() {
      const dir = mkdtempSync(path.join(tmpdir(), 'ingress-spool-int-'));
      dirs.push(dir);
      return dir;
    },
    ingressEnv: (dir) => ({
      KAFKA_BROKERS: broker.brokers,
      SPOOL_DIR: dir,
      PUBLISH_TIMEOUT_MS: '1000',
      SHUTDOWN_GRACE_MS: '4000',
      SHUTDOWN_DELAY_MS: '0',
    }),
  };
  beforeAll(async () => {
    broker.reset();
    await broker.startInBackground();
    suite.kafka = createKafkaClient(
      loadKafkaConfig('spool-spec', { KAFKA_BROKERS: broker.brokers }),
      createLogger('spool-spec', 'silent'),
    );
    suite.admin = suite.kafka.admin();
    await suite.admin.connect();
  }, 120_000);
  afterAll(async () => {
    await suite.admin?.disconnect();
    await broker.stopInBackground();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, 60_000);
  return suite;
}
