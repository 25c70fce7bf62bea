// bench/console: every console page's response time with 10,000 Credfin applications projected.
// Fills a fresh webhooks.credfin.v1 with the life cycles of BENCH_APPLICATIONS synthetic applications,
// lets the built lifecycle-projector project them, then starts the built report-retriever (its read
// API only: Credfin unreachable, so it fetches nothing) and the built console, signs in and times
// BENCH_REQUESTS sequential requests per page. Baseline, in the same run: the read API requests the
// application pages make, sent straight to the APIs (what the console adds is the difference).
//   npm run bench:console
// It runs its own broker (127.0.0.1:19276, wiped before and after). Nothing here asserts a timing.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { TOPICS } from '@ledgerhook/contracts';
import { TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import type { Kafka } from 'kafkajs';
import { credfinApplication, type RawRecord } from '../projection/synthetic-events';
import { runConsumerApp, withBenchBroker } from '../shared/consumer-bench';
import { produceRecords } from '../shared/produce-records';

const APPLICATIONS = Number(process.env['BENCH_APPLICATIONS'] ?? 10_000);
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 50);
const BROKER_PORT = 19276;
const PORTS = { lifecycle: 3921, reports: 3922, console: 3924 };
const READ_TOKEN = randomBytes(18).toString('hex');
const ADMIN = { username: 'bench', password: randomBytes(18).toString('base64url') };

/** The raw Credfin events of APPLICATIONS life cycles. */
function* lifeCycles(): Generator<RawRecord[]> {
  for (let i = 0; i < APPLICATIONS; i++) yield credfinApplication(i);
}

const fill = (kafka: Kafka): Promise<number> => produceRecords(kafka, lifeCycles());

function start(app: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [`dist/apps/${app}/src/main.js`], {
    cwd: path.resolve(__dirname, '..', '..'),
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      METRICS_PORT: '0',
      ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function healthy(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (
    (await fetch(`${url}/healthz`).then(
      (r) => r.status,
      () => 0,
    )) !== 200
  ) {
    if (Date.now() > deadline) throw new Error(`${url} did not become healthy`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Timing {
  page: string;
  p50: number;
  p95: number;
  max: number;
  statuses: string;
}

/** `REQUESTS` sequential GETs (after 3 unmeasured ones), one path per request from `paths`. */
async function time(
  page: string,
  paths: (n: number) => string,
  headers: Record<string, string>,
): Promise<Timing> {
  const ms: number[] = [];
  const statuses = new Map<number, number>();
  for (let n = -3; n < REQUESTS; n++) {
    const started = performance.now();
    const response = await fetch(paths(n), { headers, redirect: 'manual' });
    await response.arrayBuffer();
    if (n < 0) continue;
    ms.push(performance.now() - started);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => Number(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]?.toFixed(1));
  return {
    page,
    p50: at(0.5),
    p95: at(0.95),
    max: at(1),
    statuses: [...statuses].map(([status, count]) => `${count}×${status}`).join(' '),
  };
}

async function measure(databaseUrl: string): Promise<Timing[]> {
  const broker = `127.0.0.1:${BROKER_PORT}`;
  const common = {
    KAFKA_BROKERS: broker,
    DATABASE_URL: databaseUrl,
    READ_API_TOKENS: `bench:${READ_TOKEN}:read`,
  };
  const reports = start('report-retriever', {
    ...common,
    PORT: String(PORTS.reports),
    REPORT_RETRIEVER_GROUP_ID: `bench-reports-${randomBytes(3).toString('hex')}`,
    CREDFIN_API_URL: 'http://127.0.0.1:9',
    CREDFIN_API_TOKEN_ID: 'bench',
    CREDFIN_API_TOKEN_SECRET: randomBytes(24).toString('base64url'),
  });
  const consoleApp = start('console', {
    ...common,
    PORT: String(PORTS.console),
    CONSOLE_ADMIN_USER: ADMIN.username,
    CONSOLE_ADMIN_PASSWORD: ADMIN.password,
    CONSOLE_COOKIE_SECURE: 'false',
    CONSOLE_READ_API_TOKEN: READ_TOKEN,
    LIFECYCLE_API_URL: `http://127.0.0.1:${PORTS.lifecycle}`,
    REPORTS_API_URL: `http://127.0.0.1:${PORTS.reports}`,
  });
  try {
    const consoleUrl = `http://127.0.0.1:${PORTS.console}`;
    await Promise.all([healthy(`http://127.0.0.1:${PORTS.reports}`), healthy(consoleUrl)]);
    const login = await fetch(`${consoleUrl}/login`, {
      method: 'POST',
      body: new URLSearchParams(ADMIN),
      redirect: 'manual',
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (login.status !== 303 || !cookie) throw new Error(`login answered ${login.status}`);
    const session = { cookie };
    const api = { authorization: `Bearer ${READ_TOKEN}` };
    // A different application each request, spread over the whole range.
    const id = (n: number) => String(1_000_000 + ((Math.max(n, 0) * 7_919) % APPLICATIONS));
    const lifecycle = `http://127.0.0.1:${PORTS.lifecycle}`;
    return [
      await time('/login', () => `${consoleUrl}/login`, {}),
      await time('/applications (recent)', () => `${consoleUrl}/applications`, session),
      await time(
        '/applications?q=<vsid> (search)',
        (n) => `${consoleUrl}/applications?q=bench-${(Math.max(n, 0) * 7_919) % APPLICATIONS}`,
        session,
      ),
      await time('/applications/:id', (n) => `${consoleUrl}/applications/${id(n)}`, session),
      await time(
        '/applications/:id/timeline',
        (n) => `${consoleUrl}/applications/${id(n)}/timeline`,
        session,
      ),
      await time('/deliveries', () => `${consoleUrl}/deliveries?provider=credfin`, session),
      await time(
        '/deliveries/:p/:partition/:offset',
        (n) => `${consoleUrl}/deliveries/credfin/${Math.max(n, 0) % 12}/0`,
        session,
      ),
      await time('/operations', () => `${consoleUrl}/operations`, session),
      await time('/operations/audit', () => `${consoleUrl}/operations/audit`, session),
      await time('/borrowers', () => `${consoleUrl}/borrowers`, session),
      await time(
        'baseline: lifecycle GET /applications/:id',
        (n) => `${lifecycle}/applications/${id(n)}`,
        api,
      ),
      await time(
        'baseline: reports GET /applications/:id/artifacts',
        (n) => `http://127.0.0.1:${PORTS.reports}/applications/${id(n)}/artifacts`,
        api,
      ),
      await time(
        'baseline: lifecycle GET /applications/:id/timeline',
        (n) => `${lifecycle}/applications/${id(n)}/timeline`,
        api,
      ),
    ];
  } finally {
    for (const child of [consoleApp, reports]) {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    }
  }
}

async function main(): Promise<void> {
  await withBenchBroker(BROKER_PORT, async (kafka, admin) => {
    process.stderr.write(`[bench] producing the life cycles of ${APPLICATIONS} applications…\n`);
    const produced = await fill(kafka);
    process.stderr.write(`[bench] ${produced} events; projecting…\n`);
    let databaseUrl = '';
    const run = await runConsumerApp({
      app: 'lifecycle-projector',
      admin,
      topics: [TOPICS.credfinRaw],
      expected: produced,
      env: (url, groupId) => {
        databaseUrl = url;
        return {
          KAFKA_BROKERS: `127.0.0.1:${BROKER_PORT}`,
          DATABASE_URL: url,
          PORT: String(PORTS.lifecycle),
          LIFECYCLE_PROJECTOR_GROUP_ID: groupId,
          SEED_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
          READ_API_TOKENS: `bench:${READ_TOKEN}:read`,
        };
      },
      whenDone: () => measure(databaseUrl),
    });
    const lines = [
      `bench/console — ${new Date().toISOString()} — node ${process.version}, ${APPLICATIONS} applications (${produced} Credfin events, projected in ${run.total.toFixed(1)} s), ${REQUESTS} sequential requests per page`,
      '',
      '| page | p50 ms | p95 ms | max ms | answers |',
      '| --- | --- | --- | --- | --- |',
      ...run.after.map((t) => `| ${t.page} | ${t.p50} | ${t.p95} | ${t.max} | ${t.statuses} |`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
