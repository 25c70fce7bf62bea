import { TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
// bench/ingress: the running ingress (real Kafka, acks=all, group commit) against a bare express
// handler doing the same verification and JSON parse without Kafka, measured in the same run with
// the same load generator (autocannon, on this machine), with signed Bridge payloads.
//   npm run bench:ingress            (BENCH_DURATION_S=10 BENCH_CONNECTIONS=100 by default)
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { pacedLoad, type PacedRequest } from './paced-load';
import { createKafkaClient, loadKafkaConfig } from '@ledgerhook/kafka';
import { endOffsets, countSince } from '@ledgerhook/kafka/testing';
import { createLogger } from '@ledgerhook/platform';
import { waitReady } from '../shared/wait-ready';

const root = path.resolve(__dirname, '..', '..');
const DURATION_S = Number(process.env['BENCH_DURATION_S'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 100);
const SECRET = 'bench-bridge-secret';
const TOPIC = 'webhooks.bridge.v1';

function signedBridgeRequests(count: number): PacedRequest[] {
  return Array.from({ length: count }, (_, i) => {
    const body = JSON.stringify({
      content: {
        item_id: 100_000 + (i % 500),
        user_uuid: `u-${i % 500}`,
        status: 0,
        full_refresh: false,
        refresh_trigger: 'api',
      },
      timestamp: 1_700_000_000_000 + i,
      type: 'item.refreshed',
    });
    const signature = createHmac('sha256', SECRET).update(body).digest('hex').toUpperCase();
    return {
      path: '/webhooks/bridge',
      headers: { 'content-type': 'application/json', 'bridgeapi-signature': `v1=${signature}` },
      body,
    };
  });
}

function start(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) process.stderr.write(`[bench] ${name} exited with code ${code}\n`);
  });
  return child;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

/** Closed loop at full speed: CONNECTIONS connections, each sending its next request on each answer. */
async function load(url: string, requests: PacedRequest[], options: { seconds: number }): Promise<Measured> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: options.seconds,
    requests: requests.map((r) => ({ method: 'POST' as const, ...r })),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

const row = (name: string, m: Measured) =>
  `${name.padEnd(34)} ${m.rps.toFixed(0).padStart(8)} ${m.p50.toFixed(1).padStart(8)} ${m.p99.toFixed(1).padStart(8)} ${String(m.ok).padStart(9)} ${String(m.failed).padStart(7)}`;

async function main(): Promise<void> {
  const kafkaConfig = loadKafkaConfig('bench');
  const spoolDir = mkdtempSync(path.join(tmpdir(), 'bench-ingress-spool-'));
  const env = {
    KAFKA_BROKERS: kafkaConfig.brokers.join(','),
    CREDFIN_WEBHOOK_USERNAME: 'bench',
    CREDFIN_WEBHOOK_PASSWORD: 'bench',
    CREDITCHEK_WEBHOOK_SECRETS: 'bench',
    BRIDGE_WEBHOOK_SECRETS: SECRET,
    WEBHOOK_RATE_LIMIT_PER_SECOND: '1000000',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    // The spool on, for the very source under load, but idle (Kafka keeps up): what it costs then.
    // BENCH_SPOOL=off runs the same without it, for an A/B on the same machine minutes apart.
    SPOOL_SOURCES: process.env['BENCH_SPOOL'] === 'off' ? 'none' : 'bridge,creditchek',
    SPOOL_DIR: spoolDir,
  };
  const ingress = start(
    'ingress',
    [...(process.env['BENCH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean), 'dist/apps/ingress/src/main.js'],
    { ...env, PORT: '3900', METRICS_PORT: '0', ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY },
  );
  const bare = start('bare handler', ['-r', '@swc-node/register', 'bench/ingress/bare-handler.ts'], {
    ...env,
    PORT: '3901',
  });
  const admin = createKafkaClient(kafkaConfig, createLogger('bench', 'silent')).admin();
  try {
    await Promise.all([
      waitReady('http://127.0.0.1:3900/readyz'),
      waitReady('http://127.0.0.1:3901/healthz'),
    ]);
    await admin.connect();
    const requests = signedBridgeRequests(1_000);
    process.stderr.write(`[bench] warming up both targets (and the broker's JIT)…\n`);
    await load('http://127.0.0.1:3900', requests, { seconds: 10 });
    await load('http://127.0.0.1:3901', requests, { seconds: 5 });

    const before = await endOffsets(admin, TOPIC);
    process.stderr.write(`[bench] max throughput, ${CONNECTIONS} connections, ${DURATION_S}s each…\n`);
    const ingressMax = await load('http://127.0.0.1:3900', requests, { seconds: DURATION_S });
    const published = countSince(before, await endOffsets(admin, TOPIC));
    const bareMax = await load('http://127.0.0.1:3901', requests, { seconds: DURATION_S });
    const halfRate = Math.max(1, Math.floor(ingressMax.rps / 2));
    process.stderr.write(`[bench] latency at half the ingress's maximum rate (${halfRate} req/s)…\n`);
    // A steady state at this rate first: the max phases leave queues and heap to settle.
    const paced = { rate: halfRate, seconds: DURATION_S, sockets: CONNECTIONS, warmupSeconds: 10 };
    const ingressHalf = await pacedLoad('http://127.0.0.1:3900', requests, paced);
    const bareHalf = await pacedLoad('http://127.0.0.1:3901', requests, paced);

    const lines = [
      `bench/ingress — ${new Date().toISOString()} — node ${process.version}, ${CONNECTIONS} connections, ${DURATION_S}s per phase`,
      `${'target'.padEnd(34)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'2xx'.padStart(9)} ${'failed'.padStart(7)}`,
      row('ingress (Kafka acks=all), max', ingressMax),
      row('bare express handler, max', bareMax),
      row(`ingress at ${halfRate} req/s`, ingressHalf),
      row(`bare handler at ${halfRate} req/s`, bareHalf),
      '',
      `throughput ratio ingress / bare: ${(ingressMax.rps / bareMax.rps).toFixed(2)}  (target >= 0.70)`,
      `ingress p99 at half its max rate: ${ingressHalf.p99.toFixed(1)} ms  (target < 25 ms)`,
      `records published during the max phase: ${published}; 2xx answered: ${ingressMax.ok} (every 2xx must be a record)`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
    if (published < ingressMax.ok) process.exitCode = 1;
  } finally {
    await admin.disconnect().catch(() => undefined);
    ingress.kill('SIGTERM');
    bare.kill('SIGTERM');
    rmSync(spoolDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`[bench] ${error.stack ?? error.message}\n`);
  process.exit(1);
});
