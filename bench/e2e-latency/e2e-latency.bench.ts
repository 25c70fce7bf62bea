// bench/e2e-latency: end-to-end latency from a webhook's 200 at the ingress to the application's state
// visible (1) on lending.applications.v1 and (2) in the lifecycle-projector's read API, at a fixed
// open-loop rate (BENCH_RATE, default 500 webhooks/s; BENCH_DURATION_S 10 s after a 5 s warm-up at the
// same rate), with the same run's baseline: the ingress's own 200 latency. Also the RSS of each app at
// rest and its peak under the load, and the projector's mean chunk duration (where the time goes).
//   npm run bench:e2e-latency            appends the run to bench/e2e-latency/results.jsonl
// It runs its own broker (127.0.0.1:19206, wiped before and after) and an empty database.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TOPICS } from '@ledgerhook/contracts';
import { TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import { databaseUrlFor, dropDatabase, ensureDatabase, loadDatabaseConfig } from '@ledgerhook/database';
import { pacedLoad, type PacedRequest } from '../ingress/paced-load';
import { freePort } from '@ledgerhook/platform/testing';
import { withBenchBroker } from '../shared/consumer-bench';
import { waitReady } from '../shared/wait-ready';

const root = path.resolve(__dirname, '..', '..');
const RATE = Number(process.env['BENCH_RATE'] ?? 500);
const SECONDS = Number(process.env['BENCH_DURATION_S'] ?? 10);
const WARMUP_S = 5;
const BROKER_PORT = 19206;
const CREDFIN = { username: 'bench', password: 'bench-password' };
const READ_TOKEN = randomBytes(18).toString('hex');
const FIRST_ID = 10_000_000;
/** How often the read-API watcher asks (its resolution: half of it on average is added). */
const WATCH_MS = 50;

/** One new application per webhook: its crawler's first status (AUTH). */
function credfinRequests(count: number): PacedRequest[] {
  const authorization = `Basic ${Buffer.from(`${CREDFIN.username}:${CREDFIN.password}`).toString('base64')}`;
  return Array.from({ length: count }, (_, i) => {
    const id = FIRST_ID + i;
    const timestamp = '2026-11-23T10:00:00.000000+11:00';
    return {
      path: '/webhooks/credfin',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({
        event: 'crawler.lifecycle_updated',
        payload: {
          id,
          vendor_specific_id: `BENCH-${id}`,
          timestamp,
          crawler: [
            {
              uuid: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
              application: id,
              bank_id: 1,
              timestamp,
              status: 'AUTH',
            },
          ],
        },
      }),
    };
  });
}

function start(app: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [`dist/apps/${app}/src/main.js`], {
    cwd: root,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Resident set size of a process in MB (Linux /proc). */
function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

const percentile = (sorted: number[], q: number) =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
};

/** Sum and count of a histogram on a /metrics listener: its mean in ms. */
async function meanMs(metricsPort: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const sample = (suffix: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith(`${name}_${suffix}`))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  return (sample('sum') / sample('count')) * 1000;
}

async function main(): Promise<void> {
  // Free ports only: a port another process answers on would be measured instead.
  const INGRESS = { port: await freePort(), metrics: await freePort() };
  const PROJECTOR = { port: await freePort(), metrics: await freePort() };
  const databaseUrl = databaseUrlFor(
    loadDatabaseConfig('bench').url,
    `ledgerhook_bench_${randomBytes(4).toString('hex')}`,
  );
  await ensureDatabase(databaseUrl);
  const spoolDir = mkdtempSync(path.join(tmpdir(), 'bench-e2e-spool-'));
  await withBenchBroker(BROKER_PORT, async (kafka) => {
    const brokers = `127.0.0.1:${BROKER_PORT}`;
    const ingress = start('ingress', {
      KAFKA_BROKERS: brokers,
      PORT: String(INGRESS.port),
      METRICS_PORT: String(INGRESS.metrics),
      CREDFIN_WEBHOOK_USERNAME: CREDFIN.username,
      CREDFIN_WEBHOOK_PASSWORD: CREDFIN.password,
      CREDITCHEK_WEBHOOK_SECRETS: 'bench-creditchek',
      BRIDGE_WEBHOOK_SECRETS: 'bench-bridge',
      WEBHOOK_RATE_LIMIT_PER_SECOND: '1000000',
      SPOOL_DIR: spoolDir,
    });
    const projector = start('lifecycle-projector', {
      KAFKA_BROKERS: brokers,
      DATABASE_URL: databaseUrl,
      PORT: String(PROJECTOR.port),
      METRICS_PORT: String(PROJECTOR.metrics),
      SEED_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      READ_API_TOKENS: `bench:${READ_TOKEN}:read`,
    });
    const consumer = kafka.consumer({ groupId: `bench-e2e-${randomBytes(4).toString('hex')}` });
    let watching = true;
    try {
      await Promise.all([
        waitReady(`http://127.0.0.1:${INGRESS.port}/readyz`, 60_000),
        waitReady(`http://127.0.0.1:${PROJECTOR.port}/readyz`, 60_000),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const atRest = { ingress: rssMb(ingress.pid), projector: rssMb(projector.pid) };

      // When each application was first seen on the topic and in the read API.
      const onTopic = new Map<string, number>();
      const inReadApi = new Map<string, number>();
      await consumer.connect();
      await consumer.subscribe({ topic: TOPICS.applications, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const { applicationId } = JSON.parse(message.value?.toString() ?? '{}') as {
            applicationId?: string;
          };
          if (applicationId && !onTopic.has(applicationId)) onTopic.set(applicationId, performance.now());
        },
      });
      // One watcher polling the read API for every row changed since the oldest application it has
      // not seen yet was sent (updated_at is the ingress's receipt time, and rows commit out of that
      // order), every page, every WATCH_MS.
      const total = Math.floor(RATE * (WARMUP_S + SECONDS));
      let loadStartedAt = 0;
      let oldestUnseen = 0;
      const watcher = (async () => {
        while (watching) {
          while (oldestUnseen < total && inReadApi.has(String(FIRST_ID + oldestUnseen))) oldestUnseen += 1;
          const since = loadStartedAt ? loadStartedAt + (oldestUnseen * 1000) / RATE - 1_000 : 0;
          let cursor: string | null = null;
          do {
            const query = new URLSearchParams({
              limit: '500',
              ...(since ? { updatedSince: new Date(since).toISOString() } : {}),
              ...(cursor ? { cursor } : {}),
            });
            const response = await fetch(`http://127.0.0.1:${PROJECTOR.port}/applications?${query}`, {
              headers: { authorization: `Bearer ${READ_TOKEN}` },
            });
            const page = (await response.json()) as {
              items: { applicationId: string }[];
              nextCursor: string | null;
            };
            const now = performance.now();
            for (const item of page.items)
              if (!inReadApi.has(item.applicationId)) inReadApi.set(item.applicationId, now);
            cursor = page.nextCursor;
          } while (cursor);
          await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
        }
      })();

      const warmup = Math.floor(RATE * WARMUP_S);
      const answeredAt = new Array<number>(total).fill(0);
      const statusOf = new Array<number>(total).fill(0);
      const peak = { ingress: atRest.ingress, projector: atRest.projector };
      const sampler = setInterval(() => {
        peak.ingress = Math.max(peak.ingress, rssMb(ingress.pid));
        peak.projector = Math.max(peak.projector, rssMb(projector.pid));
      }, 250);
      process.stderr.write(`[bench] ${total} Credfin webhooks at ${RATE}/s (${WARMUP_S} s warm-up)…\n`);
      loadStartedAt = Date.now();
      const ingressResult = await pacedLoad(`http://127.0.0.1:${INGRESS.port}`, credfinRequests(total), {
        rate: RATE,
        seconds: SECONDS,
        sockets: 256,
        warmupSeconds: WARMUP_S,
        onAnswer: (index, status) => {
          answeredAt[index] = performance.now();
          statusOf[index] = status;
        },
      });
      const measured = Array.from({ length: total - warmup }, (_, k) => warmup + k).filter(
        (i) => statusOf[i] === 200,
      );
      const deadline = Date.now() + 120_000;
      const seen = (map: Map<string, number>) => measured.every((i) => map.has(String(FIRST_ID + i)));
      while (Date.now() < deadline && !(seen(onTopic) && seen(inReadApi))) {
        peak.projector = Math.max(peak.projector, rssMb(projector.pid));
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      clearInterval(sampler);
      watching = false;
      await watcher;
      const latencies = (map: Map<string, number>) =>
        measured.flatMap((i) => {
          const at = map.get(String(FIRST_ID + i));
          return at === undefined ? [] : [at - (answeredAt[i] as number)];
        });
      const topic = stats(latencies(onTopic));
      const readApi = stats(latencies(inReadApi));
      const chunkMs = await meanMs(PROJECTOR.metrics, 'consumer_chunk_duration_seconds');
      const publishMs = await meanMs(INGRESS.metrics, 'ingress_kafka_publish_duration_seconds');
      const result = {
        bench: 'e2e-latency',
        at: new Date().toISOString(),
        node: process.version,
        targetRate: RATE,
        seconds: SECONDS,
        ingress200: {
          rps: ingressResult.rps,
          p50: ingressResult.p50,
          p99: ingressResult.p99,
          ok: ingressResult.ok,
          failed: ingressResult.failed,
        },
        topic: { ...topic, missing: measured.length - topic.n },
        readApi: { ...readApi, missing: measured.length - readApi.n, pollMs: WATCH_MS },
        projectorMeanChunkMs: chunkMs,
        ingressMeanPublishMs: publishMs,
        rssMb: { atRest, underLoad: peak },
      };
      const f = (n: number) => n.toFixed(1).padStart(8);
      process.stdout.write(
        [
          '',
          `bench/e2e-latency — ${result.at} — node ${process.version}, ${RATE}/s asked, ${ingressResult.rps.toFixed(0)}/s reached, ${SECONDS} s`,
          `${'latency (ms)'.padEnd(52)} ${'p50'.padStart(8)} ${'p99'.padStart(8)}`,
          `${'baseline: ingress 200 (from the scheduled send)'.padEnd(52)} ${f(ingressResult.p50)} ${f(ingressResult.p99)}`,
          `${'200 → lending.applications.v1'.padEnd(52)} ${f(topic.p50)} ${f(topic.p99)}`,
          `${`200 → read API (one watcher, every ${WATCH_MS} ms)`.padEnd(52)} ${f(readApi.p50)} ${f(readApi.p99)}`,
          `ratio p99 topic / ingress: ${(topic.p99 / ingressResult.p99).toFixed(2)}; missing: topic ${result.topic.missing}, read API ${result.readApi.missing}; failed 200s: ${ingressResult.failed}`,
          `projector mean chunk ${chunkMs.toFixed(1)} ms; ingress mean Kafka publish ${publishMs.toFixed(1)} ms`,
          `RSS MB at rest / peak under load: ingress ${atRest.ingress.toFixed(0)} / ${peak.ingress.toFixed(0)}, lifecycle-projector ${atRest.projector.toFixed(0)} / ${peak.projector.toFixed(0)}`,
          '',
        ].join('\n'),
      );
      appendFileSync(path.join(root, 'bench', 'e2e-latency', 'results.jsonl'), `${JSON.stringify(result)}\n`);
    } finally {
      watching = false;
      await consumer.disconnect().catch(() => undefined);
      for (const child of [ingress, projector]) {
        child.kill('SIGTERM');
        if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
      }
    }
  });
  rmSync(spoolDir, { recursive: true, force: true });
  await dropDatabase(databaseUrl);
}

main().catch((error: Error) => {
  process.stderr.write(`[bench] ${error.stack ?? error.message}\n`);
  process.exit(1);
});
