// bench/ingress/sigterm: SIGTERM to the ingress (built, real Kafka, spool on) while signed CreditChek
// webhooks arrive at BENCH_RATE per second (1,500 by default), paced open-loop over keep-alive
// connections. The generator stops sending when SHUTDOWN_DELAY_MS is over (what the load balancer
// does once /readyz said 503). Counts: connections cut without an answer, 503s, other non-200s, and
// acknowledged events missing from webhooks.creditchek.v1 (after a restart has drained any spool).
//   npm run bench:ingress-sigterm      (BENCH_RATE=1500 BENCH_BEFORE_S=4 SHUTDOWN_DELAY_MS=5000;
//   BENCH_DEBUG=1 lists each cut request's send and failure times)
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLOUD_EVENT_HEADERS } from '@ledgerhook/contracts';
import { TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import { createKafkaClient, loadKafkaConfig } from '@ledgerhook/kafka';
import { endOffsets, readBetween } from '@ledgerhook/kafka/testing';
import { createLogger } from '@ledgerhook/platform';

const root = path.resolve(__dirname, '..', '..');
const RATE = Number(process.env['BENCH_RATE'] ?? 1_500);
const BEFORE_S = Number(process.env['BENCH_BEFORE_S'] ?? 4);
const DELAY_MS = Number(process.env['SHUTDOWN_DELAY_MS'] ?? 5_000);
// Stop sending a little before the delay ends: a request sent at its very end races the close.
const STOP_MARGIN_MS = 250;
const SOCKETS = 256;
const SECRET = 'bench-creditchek-secret';
const TOPIC = 'webhooks.creditchek.v1';
// Its own ports (BENCH_PORT, /metrics on the next one), so engineers' runs side by side do not meet.
const PORT = Number(process.env['BENCH_PORT'] ?? 3910);
const URL_BASE = `http://127.0.0.1:${PORT}`;

interface Outcome {
  phase: 'before' | 'draining';
  /** ms after the start of the load when the request was sent, and when it settled. */
  sentAt?: number;
  settledAt?: number;
  status?: number;
  id?: string;
  error?: string;
}

function startIngress(spoolDir: string): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['dist/apps/ingress/src/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(PORT),
      METRICS_PORT: String(PORT + 1),
      CREDFIN_WEBHOOK_USERNAME: 'bench',
      CREDFIN_WEBHOOK_PASSWORD: 'bench',
      CREDITCHEK_WEBHOOK_SECRETS: SECRET,
      BRIDGE_WEBHOOK_SECRETS: 'bench',
      ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
      WEBHOOK_RATE_LIMIT_PER_SECOND: '1000000',
      SHUTDOWN_DELAY_MS: String(DELAY_MS),
      SHUTDOWN_GRACE_MS: String(DELAY_MS + 15_000),
      SPOOL_DIR: spoolDir,
      LOG_LEVEL: process.env['BENCH_INGRESS_LOG_LEVEL'] ?? 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within 60 s`);
}

// Without a spool (SPOOL_SOURCES=none) there is nothing to drain.
const spoolRecords = async () =>
  ((await (await fetch(`${URL_BASE}/readyz`)).json()) as { details?: { spool?: { records: number } } })
    .details?.spool?.records ?? 0;

function body(i: number): string {
  return JSON.stringify({ event: 'pdf_upload', data: { borrowerId: `bench-${i % 500}`, n: i } });
}

/** Paced open loop: request i is sent at start + i/RATE s, until stop() is called. */
function paced(agent: Agent, phase: () => Outcome['phase']) {
  const outcomes: Promise<Outcome>[] = [];
  let sending = true;
  const start = performance.now();
  const fire = (i: number): Promise<Outcome> =>
    new Promise((resolve) => {
      const at = phase();
      const sentAt = performance.now() - start;
      const payload = body(i);
      const req = request(
        {
          host: '127.0.0.1',
          port: PORT,
          path: '/webhooks/creditchek',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'x-auth-signature': SECRET },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => {
            let id: string | undefined;
            try {
              id = (JSON.parse(text) as { id?: string }).id;
            } catch {
              // not JSON: counted by its status
            }
            resolve({ phase: at, status: res.statusCode, ...(id ? { id } : {}) });
          });
          res.on('error', (error: NodeJS.ErrnoException) =>
            resolve({ phase: at, error: error.code ?? 'error' }),
          );
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ phase: at, error: error.code ?? 'error', sentAt, settledAt: performance.now() - start }),
      );
      req.end(payload);
    });
  let sent = 0;
  const tick = () => {
    if (!sending) return;
    const due = Math.floor(((performance.now() - start) / 1000) * RATE);
    for (; sent < due; sent++) outcomes.push(fire(sent));
    setTimeout(tick, 1);
  };
  tick();
  return {
    stop: () => {
      sending = false;
      return { sent, seconds: (performance.now() - start) / 1000 };
    },
    outcomes: () => Promise.all(outcomes),
  };
}

async function main(): Promise<void> {
  const kafkaConfig = loadKafkaConfig('bench');
  const kafka = createKafkaClient(kafkaConfig, createLogger('bench', 'silent'));
  const admin = kafka.admin();
  const spoolDir = mkdtempSync(path.join(tmpdir(), 'bench-sigterm-spool-'));
  // A leftover ingress on the port would answer in place of the one under test.
  if (
    await fetch(`${URL_BASE}/healthz`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`something already answers on ${URL_BASE}; stop it first`);
  const ingress = startIngress(spoolDir);
  let again: ReturnType<typeof startIngress> | undefined;
  try {
    await waitFor('the ingress ready', async () => (await fetch(`${URL_BASE}/readyz`)).status === 200);
    await admin.connect();
    const before = await endOffsets(admin, TOPIC);
    const agent = new Agent({ keepAlive: true, maxSockets: SOCKETS });
    let draining = false;
    process.stderr.write(`[bench] ${RATE} webhooks/s; SIGTERM after ${BEFORE_S} s; delay ${DELAY_MS} ms…\n`);
    const load = paced(agent, () => (draining ? 'draining' : 'before'));
    await new Promise((resolve) => setTimeout(resolve, BEFORE_S * 1000));
    draining = true;
    ingress.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS - STOP_MARGIN_MS));
    const { sent, seconds } = load.stop();
    const outcomes = await load.outcomes();
    const exitCode = await ingress.exited;
    agent.destroy();

    // Whatever the spool still holds is drained by the next start before the topic is read.
    again = startIngress(spoolDir);
    await waitFor(
      'the restarted ingress ready',
      async () => (await fetch(`${URL_BASE}/readyz`)).status === 200,
    );
    await waitFor('the spool drained', async () => (await spoolRecords()) === 0);
    again.child.kill('SIGTERM');
    await again.exited;

    const records = await readBetween(kafka, TOPIC, before, await endOffsets(admin, TOPIC), 60_000);
    const onTopic = new Set(records.map((record) => record.headers?.[CLOUD_EVENT_HEADERS.id]?.toString()));
    const acknowledged = outcomes.filter((o) => o.status === 200);
    const lost = acknowledged.filter((o) => !onTopic.has(o.id));
    const cut = outcomes.filter((o) => o.error);
    // Refused: the connection was never accepted (sent after the listener closed), nothing was cut
    // mid-way; still counted, as a single-shot provider's webhook is lost all the same.
    const refused = cut.filter((o) => o.error === 'ECONNREFUSED');
    const unavailable = outcomes.filter((o) => o.status === 503);
    const other = outcomes.filter((o) => o.status !== undefined && o.status !== 200 && o.status !== 503);
    const drainingOk = outcomes.filter((o) => o.phase === 'draining' && o.status === 200).length;
    const lines = [
      `bench/ingress sigterm — ${new Date().toISOString()} — node ${process.version}`,
      `target rate ${RATE}/s; sent ${sent} in ${seconds.toFixed(1)} s = ${(sent / seconds).toFixed(0)}/s`,
      `answered 200: ${acknowledged.length} (${drainingOk} of them during SHUTDOWN_DELAY_MS after SIGTERM)`,
      `connections cut without an answer: ${cut.length} (before SIGTERM ${cut.filter((o) => o.phase === 'before').length}; refused ${refused.length})${cut.length ? ` (${[...new Set(cut.map((o) => o.error))].join(', ')})` : ''}`,
      `503: ${unavailable.length}; other non-200: ${other.length}`,
      `acknowledged but not on ${TOPIC}: ${lost.length}`,
      `ingress exit code: ${exitCode}`,
    ];
    // Each cut request: when it was sent and when it failed, in ms from the start of the load.
    if (process.env['BENCH_DEBUG'])
      for (const o of cut)
        process.stderr.write(`${o.error} sent ${o.sentAt?.toFixed(0)} settled ${o.settledAt?.toFixed(0)}\n`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
    if (cut.length + unavailable.length + other.length + lost.length > 0 || exitCode !== 0)
      process.exitCode = 1;
  } finally {
    await admin.disconnect().catch(() => undefined);
    ingress.child.kill('SIGKILL');
    again?.child.kill('SIGKILL');
    rmSync(spoolDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`[bench] ${error.stack ?? error.message}\n`);
  process.exit(1);
});
