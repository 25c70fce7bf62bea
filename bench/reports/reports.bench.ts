// bench/reports: how fast the built report-retriever stores Credfin artifacts, with the provider
// simulator (built) answering after SIMULATOR_LATENCY_MS (50 ms by default), against, in the same run,
// a bare loop fetching the same artifacts with the same client and the same concurrency and doing
// nothing with them.
//   npm run bench:reports              (BENCH_APPLICATIONS=150 by default, 7 artifacts each)
// It runs its own broker (127.0.0.1:19292, wiped before and after) and a database of its own.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { TOPIC_CATALOGUE, TOPICS } from '@ledgerhook/contracts';
import { rawProviderRecord, TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import { type ArtifactRef, CredfinApiClient, loadCredfinApiConfig } from '@ledgerhook/credfin-api';
import { databaseUrlFor, dropDatabase, ensureDatabase, loadDatabaseConfig } from '@ledgerhook/database';
import {
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  loadKafkaConfig,
} from '@ledgerhook/kafka';
import { LocalKafkaInstance } from '@ledgerhook/kafka/testing';
import { createLogger } from '@ledgerhook/platform';
import type { Admin } from 'kafkajs';

const root = path.resolve(__dirname, '..', '..');
const APPLICATIONS = Number(process.env['BENCH_APPLICATIONS'] ?? 150);
const LATENCY_MS = process.env['SIMULATOR_LATENCY_MS'] ?? '50';
const CONCURRENCY = process.env['CREDFIN_API_CONCURRENCY'] ?? '8';
const SIMULATOR_PORT = 3991;
const RETRIEVER_PORT = 3992;
const TOKEN = { id: 'bench-token', secret: randomBytes(18).toString('hex') };
const READ_TOKEN = randomBytes(18).toString('hex');
const broker = new LocalKafkaInstance(19292);

function app(name: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [`dist/apps/${name}/src/main.js`], {
    cwd: root,
    // /metrics on any free port: the simulator and the retriever share the machine.
    env: { ...process.env, LOG_LEVEL: 'warn', METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function healthy(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not start`);
}

/** Per application: its report, summary PDF and HTML, and two accounts' report + PDF. */
function events(applicationId: number): { event: string; payload: Record<string, unknown> }[] {
  const application = {
    id: applicationId,
    vendor_specific_id: `BENCH-${applicationId}`,
    timestamp: '2026-11-23T10:00:00+11:00',
  };
  const analysis = (n: number) => ({
    id: applicationId * 10 + n,
    time: '2026-11-23T10:00:01+11:00',
    vendor_specific_id: `BENCH-${applicationId}`,
  });
  return [
    { event: 'application.report_ready', payload: application },
    { event: 'summary.pdf_ready', payload: application },
    { event: 'summary.html_ready', payload: application },
    { event: 'analysis.report_ready', payload: analysis(1) },
    { event: 'analysis.pdf_ready', payload: analysis(1) },
    { event: 'analysis.report_ready', payload: analysis(2) },
    { event: 'analysis.pdf_ready', payload: analysis(2) },
  ];
}

function refs(applicationId: number): ArtifactRef[] {
  const id = String(applicationId);
  return [
    { kind: 'application-report', applicationId: id },
    { kind: 'summary-pdf', applicationId: id },
    { kind: 'summary-html', applicationId: id },
    { kind: 'analysis-report', analysisId: `${id}1` },
    { kind: 'analysis-pdf', analysisId: `${id}1` },
    { kind: 'analysis-report', analysisId: `${id}2` },
    { kind: 'analysis-pdf', analysisId: `${id}2` },
  ];
}

/** The baseline: the same fetches, the same client and concurrency, bodies read and dropped. */
async function bareLoop(url: string, ids: number[]): Promise<{ artifacts: number; seconds: number }> {
  const client = new CredfinApiClient(
    loadCredfinApiConfig('bench', {
      CREDFIN_API_URL: url,
      CREDFIN_API_TOKEN_ID: TOKEN.id,
      CREDFIN_API_TOKEN_SECRET: TOKEN.secret,
      CREDFIN_API_CONCURRENCY: CONCURRENCY,
    }),
  );
  const queue = ids.flatMap(refs);
  const total = queue.length;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Number(CONCURRENCY) }, async () => {
      for (let ref = queue.shift(); ref; ref = queue.shift()) {
        const artifact = await client.fetch(ref);
        for await (const _chunk of artifact.body) void _chunk;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await client.close();
  return { artifacts: total, seconds };
}

async function storedCount(url: string, ids: number[]): Promise<number> {
  let count = 0;
  for (const id of ids) {
    const response = await fetch(`${url}/applications/${id}/artifacts`, {
      headers: { authorization: `Bearer ${READ_TOKEN}` },
    });
    if (response.ok) count += ((await response.json()) as { artifacts: unknown[] }).artifacts.length;
  }
  return count;
}

async function main(): Promise<void> {
  broker.reset();
  broker.start();
  const logger = createLogger('bench', 'warn');
  const kafka = createKafkaClient(loadKafkaConfig('bench', { KAFKA_BROKERS: broker.brokers }), logger);
  const admin: Admin = kafka.admin();
  const database = `ledgerhook_bench_rr_${randomBytes(4).toString('hex')}`;
  const databaseUrl = databaseUrlFor(loadDatabaseConfig('bench').url, database);
  await ensureDatabase(databaseUrl);
  const children: ChildProcess[] = [];
  try {
    await admin.connect();
    await ensureTopics(admin, TOPIC_CATALOGUE);
    const simulatorUrl = `http://127.0.0.1:${SIMULATOR_PORT}`;
    children.push(
      app('provider-simulator', {
        PORT: String(SIMULATOR_PORT),
        SIMULATOR_LATENCY_MS: LATENCY_MS,
        SIMULATOR_CREDFIN_TOKEN_ID: TOKEN.id,
        SIMULATOR_CREDFIN_TOKEN_SECRET: TOKEN.secret,
      }),
    );
    await healthy(simulatorUrl);
    const ids = Array.from({ length: APPLICATIONS }, (_, i) => 100_000 + i);

    process.stderr.write(
      `[bench] bare loop: ${APPLICATIONS * 7} fetches, concurrency ${CONCURRENCY}, ${LATENCY_MS} ms latency…\n`,
    );
    const bare = await bareLoop(simulatorUrl, ids);

    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    const messages = ids.flatMap(events).map((body) => rawProviderRecord('credfin', body));
    await producer.send({ topic: TOPICS.credfinRaw, acks: -1, messages });
    await producer.disconnect();

    process.stderr.write('[bench] report-retriever…\n');
    const retrieverUrl = `http://127.0.0.1:${RETRIEVER_PORT}`;
    const started = performance.now();
    children.push(
      app('report-retriever', {
        PORT: String(RETRIEVER_PORT),
        KAFKA_BROKERS: broker.brokers,
        DATABASE_URL: databaseUrl,
        CREDFIN_API_URL: simulatorUrl,
        CREDFIN_API_TOKEN_ID: TOKEN.id,
        CREDFIN_API_TOKEN_SECRET: TOKEN.secret,
        CREDFIN_API_CONCURRENCY: CONCURRENCY,
        READ_API_TOKENS: `bench:${READ_TOKEN}:read`,
        ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
      }),
    );
    await healthy(retrieverUrl);
    const expected = APPLICATIONS * 7;
    let stored = 0;
    while (stored < expected) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      stored = await storedCount(retrieverUrl, ids);
      if (performance.now() - started > 600_000)
        throw new Error(`only ${stored} of ${expected} stored in 10 min`);
    }
    const seconds = (performance.now() - started) / 1000;
    const bareRate = bare.artifacts / bare.seconds;
    const rate = stored / seconds;
    const lines = [
      `bench/reports — ${new Date().toISOString()} — node ${process.version}, ${expected} artifacts, simulator latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}`,
      `${'fetcher'.padEnd(52)} ${'artifacts/s'.padStart(12)} ${'seconds'.padStart(9)}`,
      `${'bare loop (same client, same concurrency, no store)'.padEnd(52)} ${bareRate.toFixed(1).padStart(12)} ${bare.seconds.toFixed(1).padStart(9)}`,
      `${'report-retriever (consume, fetch, store, announce)'.padEnd(52)} ${rate.toFixed(1).padStart(12)} ${seconds.toFixed(1).padStart(9)}`,
      '',
      `ratio retriever / bare: ${(rate / bareRate).toFixed(3)} (retriever time includes its boot)`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await admin.disconnect().catch(() => undefined);
    broker.stop();
    broker.reset();
    await dropDatabase(databaseUrl).catch(() => undefined);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`[bench] ${error.stack ?? error.message}\n`);
  process.exit(1);
});
