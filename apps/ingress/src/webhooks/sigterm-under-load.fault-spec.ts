import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCloudEventHeaders } from '@ledgerhook/contracts';
import { createKafkaClient, loadKafkaConfig } from '@ledgerhook/kafka';
import { endOffsets, readBetween } from '@ledgerhook/kafka/testing';
import { createLogger } from '@ledgerhook/platform';
import { TEST_CREDENTIALS } from '../testing/ingress-harness';
import { startIngressProcess } from '../testing/ingress.process';

// SIGTERM to the ingress (a process of its own) under a paced open-loop load of signed CreditChek
// webhooks over keep-alive connections, the bench's scenario (`npm run bench:ingress-sigterm`,
// 1,500/s) at a rate this shared test host sustains beside the other suites.
const TOPIC = 'webhooks.creditchek.v1';
const RATE = 400;
const SOCKETS = 64;
const BEFORE_MS = 2_000;
const DELAY_MS = 3_000;
// The load balancer's side: it stops sending once it has seen /readyz 503, before the delay ends.
const STOP_MARGIN_MS = 250;

interface Outcome {
  /** Sent after SIGTERM. */
  draining: boolean;
  status?: number;
  connection?: string;
  id?: string;
  error?: string;
}

function send(url: URL, agent: Agent, n: number, draining: boolean): Promise<Outcome> {
  const body = JSON.stringify({ event: 'pdf_upload', data: { borrowerId: `sigterm-${n % 100}`, n } });
  return new Promise((resolve) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: '/webhooks/creditchek',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'x-auth-signature': 'cc-secret-1' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error: NodeJS.ErrnoException) =>
          resolve({ draining, error: error.code ?? 'error' }),
        );
        res.on('end', () => {
          const answer = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { id?: string };
          resolve({
            draining,
            status: res.statusCode,
            ...(res.headers.connection ? { connection: res.headers.connection } : {}),
            ...(answer.id ? { id: answer.id } : {}),
          });
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ draining, error: error.code ?? 'error' }));
    req.end(body);
  });
}

describe('SIGTERM under load', () => {
  const spoolDir = mkdtempSync(path.join(tmpdir(), 'ingress-sigterm-'));
  const kafka = createKafkaClient(loadKafkaConfig('sigterm-int-spec'), createLogger('sigterm', 'silent'));
  const admin = kafka.admin();

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await admin.disconnect();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('cuts no connection, answers no 503 during SHUTDOWN_DELAY_MS, loses no acknowledged event, exits 0', async () => {
    const ingress = await startIngressProcess({
      ...TEST_CREDENTIALS,
      SPOOL_DIR: spoolDir,
      SHUTDOWN_DELAY_MS: String(DELAY_MS),
      SHUTDOWN_GRACE_MS: String(DELAY_MS + 15_000),
      WEBHOOK_RATE_LIMIT_PER_SECOND: '1000000',
      LOG_LEVEL: 'warn',
    });
    const url = new URL(ingress.url);
    const agent = new Agent({ keepAlive: true, maxSockets: SOCKETS });
    const before = await endOffsets(admin, TOPIC);

    // Open loop: request n is due at n / RATE s, whatever the answers do.
    const outcomes: Promise<Outcome>[] = [];
    let draining = false;
    let sending = true;
    const start = performance.now();
    const pace = () => {
      if (!sending) return;
      const due = Math.floor(((performance.now() - start) / 1000) * RATE);
      while (outcomes.length < due) outcomes.push(send(url, agent, outcomes.length, draining));
      setTimeout(pace, 2);
    };
    pace();
    await new Promise((resolve) => setTimeout(resolve, BEFORE_MS));
    draining = true;
    const exited = ingress.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS - STOP_MARGIN_MS));
    sending = false;
    const settled = await Promise.all(outcomes);
    const exitCode = await exited;
    agent.destroy();

    const cut = settled.filter((o) => o.error);
    expect({ cut: cut.length, errors: [...new Set(cut.map((o) => o.error))] }).toEqual({
      cut: 0,
      errors: [],
    });
    expect(settled.filter((o) => o.status !== 200)).toEqual([]);
    const duringDelay = settled.filter((o) => o.draining);
    expect(duringDelay.length).toBeGreaterThan(RATE);
    // The keep-alive connections open at the signal were told to close (and the client opened new ones).
    const sentOff = duringDelay.filter((o) => o.connection === 'close');
    expect(sentOff.length).toBeGreaterThan(0);
    expect(sentOff.length).toBeLessThanOrEqual(SOCKETS);
    expect(exitCode).toBe(0);
    // What the spool kept (the shutdown does not wait for it) is on the topic after the next start.
    const again = await startIngressProcess({ ...TEST_CREDENTIALS, SPOOL_DIR: spoolDir, LOG_LEVEL: 'warn' });
    try {
      for (const deadline = Date.now() + 30_000; (await again.spool()).records > 0;) {
        if (Date.now() > deadline) throw new Error('the restarted ingress did not drain its spool in 30 s');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await again.kill('SIGTERM');
    }
    const records = await readBetween(kafka, TOPIC, before, await endOffsets(admin, TOPIC), 30_000);
    const onTopic = new Set(records.map((record) => parseCloudEventHeaders(record.headers).id));
    expect(settled.filter((o) => !onTopic.has(o.id as string))).toEqual([]);
  }, 120_000);
});
