#!/usr/bin/env node
// `npm run demo`: `npm start`, then the provider simulator's traffic at a trickle (Credfin
// applications, CreditChek borrowers, Bridge items sent to the ingress as each provider does), where
// to look, and a one-line summary every few seconds. Ctrl-C stops everything (npm start's own stop).
// DEMO_RATE (flows per second, default 0.5) and DEMO_MIX (default credfin=1,creditchek=1,bridge=1).
import { spawn } from 'node:child_process';
import { repoRoot } from './stack.mjs';

const RATE = Number(process.env.DEMO_RATE ?? 0.5);
const MIX = process.env.DEMO_MIX ?? 'credfin=1,creditchek=1,bridge=1';
const EVERY_MS = 5_000;
const port = (variable, fallback) => Number(process.env[variable] ?? fallback);
const SIMULATOR = `http://127.0.0.1:${port('PROVIDER_SIMULATOR_PORT', 3090)}`;
const PROJECTOR = `http://127.0.0.1:${port('LIFECYCLE_PROJECTOR_PORT', 3001)}`;
// npm start's /metrics listeners (tools/dev/start.mjs).
const CONSUMER_METRICS = { 'lifecycle-projector': 9465, 'report-retriever': 9466, 'income-scorer': 9467 };

if (!(RATE > 0 && RATE <= 1000)) {
  process.stderr.write('[demo] DEMO_RATE must be a number of flows per second in (0, 1000]\n');
  process.exit(1);
}
const mix = Object.fromEntries(
  MIX.split(',').map((part) => {
    const [name, weight] = part.split('=').map((s) => s.trim());
    return [name, Number(weight)];
  }),
);

const start = spawn(process.execPath, ['tools/dev/start.mjs'], {
  cwd: repoRoot,
  stdio: ['ignore', 'pipe', 'inherit'],
  // Warnings and errors only, so the summary lines stay readable (LOG_LEVEL=info for everything).
  env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
});
const stop = () => start.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
start.on('exit', (code) => process.exit(code ?? 0));

let output = '';
let readToken;
start.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (readToken) return;
  output += chunk.toString();
  const token = /Authorization: Bearer (\S+)/.exec(output);
  if (output.includes('Press Ctrl-C') && token) {
    readToken = token[1];
    void demo().catch((error) => {
      process.stderr.write(`[demo] ${error instanceof Error ? error.message : String(error)}\n`);
      stop();
    });
  }
});

async function demo() {
  const response = await fetch(`${SIMULATOR}/admin/traffic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ratePerSecond: RATE, mix }),
  });
  if (response.status !== 202) throw new Error(`the simulator refused the traffic: ${await response.text()}`);
  const bearer = `-H 'Authorization: Bearer ${readToken}'`;
  const brokers = /Kafka (\S+),/.exec(output)?.[1] ?? '127.0.0.1:9092';
  process.stdout.write(
    [
      `The provider simulator sends ${RATE} flows/s (${MIX}) to the ingress. Where to look:`,
      `  what it sent        curl -s ${SIMULATOR}/admin/traffic | head -c 600`,
      `  applications        curl -s ${bearer} '${PROJECTOR}/applications?status=bundle_ready&limit=5'`,
      `  one application     curl -s ${bearer} ${PROJECTOR}/applications/<id>   (…/timeline)`,
      `  its artifacts       curl -s ${bearer} http://127.0.0.1:${port('REPORT_RETRIEVER_PORT', 3002)}/applications/<id>/artifacts`,
      `  a borrower's scores curl -s ${bearer} http://127.0.0.1:${port('INCOME_SCORER_PORT', 3003)}/borrowers/sim-<id>/scores`,
      `  a Bridge item       curl -s ${bearer} ${PROJECTOR}/bridge/items/<id>`,
      `  the topics          KAFKA_BROKERS=${brokers} npm run ops -- topics   (records per topic)`,
      `  consumer lag        KAFKA_BROKERS=${brokers} npm run ops -- groups`,
      `  dead letters        KAFKA_BROKERS=${brokers} npm run ops -- dlq show <consumer>`,
      `  metrics             http://127.0.0.1:9464/metrics (ingress), :9465 :9466 :9467 (consumers)`,
      '',
    ].join('\n'),
  );
  let last = { at: Date.now(), total: 0 };
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
    const sent = await (await fetch(`${SIMULATOR}/admin/traffic`)).json();
    const now = Date.now();
    const rate = ((sent.deliveries.total - last.total) * 1000) / (now - last.at);
    last = { at: now, total: sent.deliveries.total };
    const [complete, scores, lag] = await Promise.all([
      bundleReady(),
      metricSum(CONSUMER_METRICS['income-scorer'], 'outbox_records_relayed_total'),
      Promise.all(Object.values(CONSUMER_METRICS).map((p) => metricSum(p, 'consumer_lag'))),
    ]);
    const failed = sent.flows.credfin.failed + sent.flows.creditchek.failed + sent.flows.bridge.failed;
    process.stdout.write(
      `[demo] ${rate.toFixed(1)} deliveries/s · applications sent ${sent.flows.credfin.complete}, complete ${complete} · ` +
        `borrowers sent ${sent.flows.creditchek.complete}, scores published ${scores} · ` +
        `Bridge items ${sent.flows.bridge.complete} · lag ${lag.reduce((a, b) => a + b, 0)} · failed flows ${failed}\n`,
    );
  }
}

/** Applications at bundle_ready in the projector's read API (pages of 500). */
async function bundleReady() {
  let count = 0;
  let cursor = '';
  for (let page = 0; page < 20; page++) {
    const answer = await fetch(
      `${PROJECTOR}/applications?status=bundle_ready&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { headers: { authorization: `Bearer ${readToken}` } },
    );
    if (answer.status !== 200) return '?';
    const body = await answer.json();
    count += body.items.length;
    if (!body.nextCursor) return count;
    cursor = body.nextCursor;
  }
  return `${count}+`;
}

/** The sum of a metric's samples on a /metrics listener (0 when it is not there yet). */
async function metricSum(metricsPort, name) {
  try {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  } catch {
    return 0;
  }
}
