// bench/scoring: fills a fresh webhooks.creditchek.v1 with generated income insights, then measures in
// the same run (1) a bare kafkajs consumer reading them without doing anything and (2) the built
// income-scorer folding them per borrower, scoring them and writing each result and its
// lending.income-scores.v1 record into an empty database (inbox, state, history, outbox, commits).
//   npm run bench:scoring              (BENCH_INSIGHTS=50000 by default)
// It runs its own broker (127.0.0.1:19392, wiped before and after) so the topic holds only its records.
import { randomBytes } from 'node:crypto';
import { dlqTopicSpec, TOPICS } from '@ledgerhook/contracts';
import { createIdempotentProducer } from '@ledgerhook/kafka';
import { countSince, endOffsets } from '@ledgerhook/kafka/testing';
import type { Admin, Kafka } from 'kafkajs';
import { bareConsumer, runConsumerApp, withBenchBroker } from '../shared/consumer-bench';
import { SCORING_TOPIC, syntheticInsights } from './synthetic-insights';

const INSIGHTS = Number(process.env['BENCH_INSIGHTS'] ?? 50_000);
const PORT = 19392;

async function fill(kafka: Kafka): Promise<number> {
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  let count = 0;
  for (const batch of syntheticInsights(INSIGHTS)) {
    await producer.send({ topic: SCORING_TOPIC, acks: -1, messages: batch });
    count += batch.length;
  }
  await producer.disconnect();
  return count;
}

/** Records on lending.income-scores.v1 once the outbox relay has drained, and how long that took. */
async function drained(
  admin: Admin,
  before: Map<number, string>,
): Promise<{ published: number; seconds: number }> {
  const startedAt = Date.now();
  let published = 0;
  for (;;) {
    const next = countSince(before, await endOffsets(admin, TOPICS.incomeScores));
    if (next === published && next > 0) return { published, seconds: (Date.now() - startedAt) / 1000 };
    published = next;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function main(): Promise<void> {
  await withBenchBroker(PORT, async (kafka, admin) => {
    process.stderr.write(`[bench] producing ${INSIGHTS} records…\n`);
    const fillStarted = performance.now();
    const produced = await fill(kafka);
    process.stderr.write(
      `[bench] produced ${produced} records in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s\n`,
    );

    process.stderr.write('[bench] bare kafkajs consumer…\n');
    const bareSeconds = await bareConsumer(kafka, [SCORING_TOPIC], produced);
    process.stderr.write('[bench] income-scorer…\n');
    const dlq = dlqTopicSpec('income-scorer').name;
    const dlqBefore = await endOffsets(admin, dlq);
    const scoresBefore = await endOffsets(admin, TOPICS.incomeScores);
    const scored = await runConsumerApp({
      app: 'income-scorer',
      admin,
      topics: [SCORING_TOPIC],
      expected: produced,
      env: (url, groupId) => ({
        KAFKA_BROKERS: `127.0.0.1:${PORT}`,
        DATABASE_URL: url,
        PORT: '3913',
        INCOME_SCORER_GROUP_ID: groupId,
        READ_API_TOKENS: `bench:${randomBytes(18).toString('hex')}:read`,
      }),
      // The outbox relay publishes after each commit: how far behind it is when the last commit lands.
      whenDone: () => drained(admin, scoresBefore),
    });
    const deadLettered = countSince(dlqBefore, await endOffsets(admin, dlq));

    const bareRate = produced / bareSeconds;
    const lines = [
      `bench/scoring — ${new Date().toISOString()} — node ${process.version}, ${produced} records (95% income_insight in both forms, 5% income_insight_failure; 40,000 borrowers)`,
      `${'consumer'.padEnd(52)} ${'records/s'.padStart(10)} ${'seconds'.padStart(9)}`,
      `${'bare kafkajs consumer (reads, does nothing)'.padEnd(52)} ${bareRate.toFixed(0).padStart(10)} ${bareSeconds.toFixed(1).padStart(9)}`,
      `${'income-scorer (inbox+fold+score+history+outbox)'.padEnd(52)} ${scored.rate.toFixed(0).padStart(10)} ${(produced / scored.rate).toFixed(1).padStart(9)}`,
      '',
      `ratio scored / bare: ${(scored.rate / bareRate).toFixed(3)}`,
      `scorer wall time including boot and migrations: ${scored.total.toFixed(1)} s; results published on ${TOPICS.incomeScores}: ${scored.after.published} (outbox drained ${scored.after.seconds.toFixed(1)} s after the last commit); dead-lettered: ${deadLettered} (must be 0)`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
    if (deadLettered > 0 || scored.after.published === 0) process.exitCode = 1;
  });
}

main().catch((error: Error) => {
  process.stderr.write(`[bench] ${error.stack ?? error.message}\n`);
  process.exit(1);
});
