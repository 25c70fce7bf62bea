import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCloudEventHeaders, CLOUD_EVENT_HEADERS, parseCloudEventHeaders } from '@ledgerhook/contracts';
import { createKafkaClient, loadKafkaConfig } from '@ledgerhook/kafka';
import { endOffsets, LocalKafkaInstance, readBetween } from '@ledgerhook/kafka/testing';
import { createLogger } from '@ledgerhook/platform';
import type { Admin, Kafka } from 'kafkajs';
import { post, providerHeaders } from '../testing/ingress-harness';
import { type IngressProcess, startIngressProcess } from '../testing/ingress.process';
import { DurableSpool } from './durable-spool';

// The spool against a real broker of its own, which these tests stop and start (a port derived from
// LOCAL_KAFKA_PORT, so engineers' runs side by side do not meet), and the ingress as a process of its
// own, which they kill -9.
const broker = new LocalKafkaInstance(29_000 + (Number(process.env['LOCAL_KAFKA_PORT'] ?? 9092) % 1000) * 2);
const TOPIC = 'webhooks.creditchek.v1';
const OUTAGE_MS = 60_000;

interface Sent {
  key: string;
  status: number;
  id?: string;
}

const creditchek = (borrowerId: string, n: number) =>
  Buffer.from(JSON.stringify({ event: 'pdf_upload', data: { borrowerId, n } }));

async function send(ingress: IngressProcess, key: string, n: number): Promise<Sent> {
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

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** ce_ids on the topic per key, in offset order, each id listed at its first occurrence. */
async function onTopic(
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

function expectInOrderPerKey(sent: Sent[], byKey: Map<string, string[]>): void {
  for (const key of new Set(sent.map((s) => s.key))) {
    const answered = sent.filter((s) => s.key === key).map((s) => s.id as string);
    // CreditChek's partition key is the borrower.
    const landed = (byKey.get(`borrower:${key}`) ?? []).filter((id) => answered.includes(id));
    expect(landed.length).toBeGreaterThan(0);
    expect(landed).toEqual(answered);
  }
}

describe('ingress spool (real broker stopped and started, ingress killed)', () => {
  let kafka: Kafka;
  let admin: Admin;
  const dirs: string[] = [];
  const spoolDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ingress-spool-int-'));
    dirs.push(dir);
    return dir;
  };
  const ingressEnv = (dir: string) => ({
    KAFKA_BROKERS: broker.brokers,
    SPOOL_DIR: dir,
    PUBLISH_TIMEOUT_MS: '1000',
    SHUTDOWN_GRACE_MS: '4000',
    SHUTDOWN_DELAY_MS: '0',
  });

  beforeAll(async () => {
    broker.reset();
    await broker.startInBackground();
    kafka = createKafkaClient(
      loadKafkaConfig('spool-int-spec', { KAFKA_BROKERS: broker.brokers }),
      createLogger('spool-int-spec', 'silent'),
    );
    admin = kafka.admin();
    await admin.connect();
  }, 120_000);

  afterAll(async () => {
    await admin?.disconnect();
    await broker.stopInBackground();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('broker stopped for 60 s under CreditChek load: no 503, every 200 on the topic once it returns, in order per key', async () => {
    const ingress = await startIngressProcess(ingressEnv(spoolDir()));
    try {
      const sent: Sent[] = [];
      let running = true;
      // Each borrower's webhooks one after another (their order is defined), borrowers side by side.
      const senders = Array.from({ length: 8 }, async (_, k) => {
        for (let n = 0; running; n++) {
          sent.push(await send(ingress, `outage-${k}`, n));
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await broker.stopInBackground();
      const stoppedAt = sent.length;
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      const spooled = await ingress.spool();
      await broker.startInBackground();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      running = false;
      await Promise.all(senders);

      expect(sent.filter((s) => s.status !== 200)).toEqual([]);
      // The outage was real: the load went on, into the spool.
      expect(sent.length - stoppedAt).toBeGreaterThan(100);
      expect(spooled.records).toBeGreaterThan(100);
      await until('the spool drained', async () => (await ingress.spool()).records === 0, 120_000);
      const { count, byKey } = await onTopic(kafka, admin);
      for (const s of sent) expect(count.get(s.id as string) ?? 0).toBeGreaterThanOrEqual(1);
      expectInOrderPerKey(sent, byKey);
    } finally {
      await ingress.kill('SIGTERM');
    }
  }, 300_000);

  it('kill -9 with records in the spool: after the restart each reaches the topic exactly once', async () => {
    const dir = spoolDir();
    const first = await startIngressProcess(ingressEnv(dir));
    const sent: Sent[] = [];
    try {
      expect((await send(first, 'warm', 0)).status).toBe(200);
      await broker.stopInBackground();
      await Promise.all(
        Array.from({ length: 10 }, async (_, k) => {
          for (let n = 0; n < 3; n++) sent.push(await send(first, `killed-${k}`, n));
        }),
      );
      expect(sent.map((s) => s.status)).toEqual(sent.map(() => 200));
      expect((await first.spool()).records).toBe(30);
    } finally {
      await first.kill('SIGKILL');
    }
    await broker.startInBackground();
    const second = await startIngressProcess(ingressEnv(dir));
    try {
      await until('the replayed spool drained', async () => (await second.spool()).records === 0, 120_000);
      const { count, byKey } = await onTopic(kafka, admin);
      expect(sent.map((s) => count.get(s.id as string))).toEqual(sent.map(() => 1));
      expectInOrderPerKey(sent, byKey);
    } finally {
      await second.kill('SIGTERM');
    }
  }, 300_000);

  it('a torn tail is set aside and reported; the intact records before it reach the topic', async () => {
    const dir = spoolDir();
    const spool = await DurableSpool.open(dir, 1 << 20);
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      // What the ingress spools: the body as received, the headers it built for it.
      const headers = buildCloudEventHeaders({
        source: 'creditchek',
        eventName: 'pdf_upload',
        subject: 'torn-borrower',
        dedupKey: `torn-${n}`,
        receivedAt: new Date(),
        contentType: 'application/json',
      });
      ids.push(headers[CLOUD_EVENT_HEADERS.id] as string);
      await spool.append({
        topic: TOPIC,
        key: 'torn-borrower',
        value: creditchek('torn-borrower', n),
        headers,
      });
    }
    await spool.close();
    const segment = readdirSync(dir).find((name) => name.endsWith('.log')) as string;
    truncateSync(path.join(dir, segment), statSync(path.join(dir, segment)).size - 10);

    const ingress = await startIngressProcess(ingressEnv(dir));
    try {
      await until('the spool drained', async () => (await ingress.spool()).records === 0, 60_000);
      expect(await ingress.spool()).toEqual(expect.objectContaining({ setAside: 1 }));
      expect(await (await fetch(ingress.metricsUrl)).text()).toMatch(
        /^ingress_spool_set_aside_files\{[^}]*\} 1$/m,
      );
      expect(ingress.output()).toMatch(/set aside/);
      expect(readdirSync(dir).filter((name) => name.includes('.corrupt-'))).toHaveLength(1);
      const { count } = await onTopic(kafka, admin);
      expect(ids.map((id) => count.get(id) ?? 0)).toEqual([1, 1, 1, 1, 0]);
    } finally {
      await ingress.kill('SIGTERM');
    }
  }, 180_000);
});
