// bench/projection: fills fresh Credfin and Bridge raw topics with realistic events, then measures in
// the same run (1) a bare kafkajs consumer reading them without doing anything and (2) the built
// lifecycle-projector projecting them into an empty database (inbox, projection, outbox, commits).
//   npm run bench:projection           (BENCH_EVENTS=200000 by default)
// It runs its own broker (127.0.0.1:19192, wiped before and after) so the topics hold only its events.
import { randomBytes } from 'node:crypto';
import { dlqTopicSpec, TOPICS } from '@ledgerhook/contracts';
import { countSince, endOffsets } from '@ledgerhook/kafka/testing';
import type { Kafka } from 'kafkajs';
import { bareConsumer, runConsumerApp, withBenchBroker } from '../shared/consumer-bench';
import { produceRecords } from '../shared/produce-records';
import { syntheticRecords } from './synthetic-events';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 200_000);
const PORT = 19192;
const TOPICS_READ = [TOPICS.credfinRaw, TOPICS.bridgeRaw];

const fill = (kafka: Kafka): Promise<number> => produceRecords(kafka, syntheticRecords(EVENTS));

async function main(): Promise<void> {
  await withBenchBroker(PORT, async (kafka, admin) => {
    process.stderr.write(`[bench] producing ${EVENTS} events…\n`);
    const fillStarted = performance.now();
    const produced = await fill(kafka);
    process.stderr.write(
      `[bench] produced ${produced} events in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s\n`,
    );

    process.stderr.write('[bench] bare kafkajs consumer…\n');
    const bareSeconds = await bareConsumer(kafka, TOPICS_READ, produced);
    process.stderr.write('[bench] lifecycle-projector…\n');
    const dlqBefore = await endOffsets(admin, dlqTopicSpec('lifecycle-projector').name);
    const projected = await runConsumerApp({
      app: 'lifecycle-projector',
      admin,
      topics: TOPICS_READ,
      expected: produced,
      env: (url, groupId) => ({
        KAFKA_BROKERS: `127.0.0.1:${PORT}`,
        DATABASE_URL: url,
        PORT: '3911',
        LIFECYCLE_PROJECTOR_GROUP_ID: groupId,
        SEED_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
        READ_API_TOKENS: `bench:${randomBytes(18).toString('hex')}:read`,
      }),
      whenDone: async () => undefined,
    });
    const deadLettered = countSince(
      dlqBefore,
      await endOffsets(admin, dlqTopicSpec('lifecycle-projector').name),
    );
    const bareRate = produced / bareSeconds;
    const projectedRate = projected.rate;
    const lines = [
      `bench/projection — ${new Date().toISOString()} — node ${process.version}, ${produced} events (80% Credfin life cycles, 20% Bridge items)`,
      `${'consumer'.padEnd(46)} ${'events/s'.padStart(10)} ${'seconds'.padStart(9)}`,
      `${'bare kafkajs consumer (reads, does nothing)'.padEnd(46)} ${bareRate.toFixed(0).padStart(10)} ${bareSeconds.toFixed(1).padStart(9)}`,
      `${'lifecycle-projector (inbox+projection+outbox)'.padEnd(46)} ${projectedRate.toFixed(0).padStart(10)} ${(produced / projected.rate).toFixed(1).padStart(9)}`,
      '',
      `ratio projected / bare: ${(projectedRate / bareRate).toFixed(3)}; target: >= 5000 events/s projected`,
      `projector wall time including boot and migrations: ${projected.total.toFixed(1)} s; dead-lettered: ${deadLettered} (must be 0)`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
    if (deadLettered > 0) process.exitCode = 1;
  });
}

main().catch((error: Error) => {
  process.stderr.write(`[bench] ${error.stack ?? error.message}\n`);
  process.exit(1);
});
