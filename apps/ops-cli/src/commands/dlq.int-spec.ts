import { randomBytes } from 'node:crypto';
import {
  dlqTopicSpec,
  opsAuditRecordSchema,
  retryTopicName,
  retryTopicSpec,
  TOPICS,
} from '@ledgerhook/contracts';
import {
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  loadKafkaConfig,
} from '@ledgerhook/kafka';
import { endOffsets, readBetween } from '@ledgerhook/kafka/testing';
import type { DeadLetterView, RedrivePlan } from '@ledgerhook/operations';
import { createLogger } from '@ledgerhook/platform';
import type { Admin, Kafka } from 'kafkajs';
import { EXIT_CODES } from '../cli/exit-codes';
import { runCaptured } from '../testing/run-captured';

// `ledgerhook dlq` against the real broker: dead letters of income-scorer (which consumes nothing yet,
// so nothing else reads its retry topic), listed, redriven as a dry run, then for real and audited.
const CONSUMER = 'income-scorer';
const env = { ...process.env, LEDGERHOOK_OPERATOR: 'dlq-spec-operator' };
const marker = randomBytes(6).toString('hex');

describe('ledgerhook dlq', () => {
  let kafka: Kafka;
  let admin: Admin;
  const ceIds = [`0196b000-0000-7000-8000-${marker}`, `0196b000-0000-7000-9000-${marker}`];

  beforeAll(async () => {
    kafka = createKafkaClient(loadKafkaConfig('dlq-spec'), createLogger('dlq-spec', 'warn'));
    admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [dlqTopicSpec(CONSUMER), retryTopicSpec(CONSUMER)]);
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    await producer.send({
      topic: dlqTopicSpec(CONSUMER).name,
      acks: -1,
      messages: ceIds.map((ceId, i) => ({
        key: `borrower:${marker}`,
        value: JSON.stringify({ event: 'income_insight', n: i }),
        headers: {
          ce_id: ceId,
          ce_type: 'creditchek.income_insight',
          dlq_error: `RejectedEventError: refused ${i}`,
          dlq_source_topic: TOPICS.creditchekRaw,
          dlq_source_partition: '0',
          dlq_source_offset: String(i),
          dlq_failed_at: '2026-11-23T00:00:00.000Z',
        },
      })),
    });
    await producer.disconnect();
  });

  afterAll(async () => {
    await admin.disconnect();
  });

  const ours = (letters: DeadLetterView[]) => letters.filter((letter) => ceIds.includes(letter.ceId ?? ''));

  it('lists dead letters with where they came from and why, never their body', async () => {
    const run = await runCaptured(['dlq', 'list', '--consumer', CONSUMER, '--json'], env);
    expect(run.code).toBe(EXIT_CODES.ok);
    const letters = ours(run.json<{ letters: DeadLetterView[] }>().letters);
    expect(letters.map((l) => [l.ceId, l.sourceTopic, l.error])).toEqual([
      [ceIds[0], TOPICS.creditchekRaw, 'RejectedEventError: refused 0'],
      [ceIds[1], TOPICS.creditchekRaw, 'RejectedEventError: refused 1'],
    ]);
    expect(run.stdout).not.toContain('income_insight","n"');
  });

  it('redrives one dead letter to the retry topic, byte for byte, only with --execute, audited', async () => {
    const listed = ours(
      (await runCaptured(['dlq', 'list', '--consumer', CONSUMER, '--json'], env)).json<{
        letters: DeadLetterView[];
      }>().letters,
    );
    const target = `${listed[1]?.partition}:${listed[1]?.offset}`;
    const retryBefore = await endOffsets(admin, retryTopicName(CONSUMER));
    const auditBefore = await endOffsets(admin, TOPICS.opsAudit);

    const dry = await runCaptured(
      ['dlq', 'redrive', '--consumer', CONSUMER, '--offset', target, '--json'],
      env,
    );
    expect(dry.code).toBe(EXIT_CODES.ok);
    expect(dry.json<{ plan: RedrivePlan }>().plan.letters.map((l) => l.ceId)).toEqual([ceIds[1]]);
    expect(await endOffsets(admin, retryTopicName(CONSUMER))).toEqual(retryBefore);

    const run = await runCaptured(
      ['dlq', 'redrive', '--consumer', CONSUMER, '--offset', target, '--execute', '--json'],
      env,
    );
    expect(run.code).toBe(EXIT_CODES.ok);
    const sent = await readBetween(
      kafka,
      retryTopicName(CONSUMER),
      retryBefore,
      await endOffsets(admin, retryTopicName(CONSUMER)),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]?.value?.toString()).toBe(JSON.stringify({ event: 'income_insight', n: 1 }));
    expect(sent[0]?.headers['ce_id']?.toString()).toBe(ceIds[1]);
    expect(sent[0]?.headers['dlq_source_topic']?.toString()).toBe(TOPICS.creditchekRaw);

    const audit = (
      await readBetween(kafka, TOPICS.opsAudit, auditBefore, await endOffsets(admin, TOPICS.opsAudit))
    )
      .map((record) => opsAuditRecordSchema.parse(JSON.parse(String(record.value))))
      .filter((record) => record.operation === 'dlq.redrive');
    expect(audit.map((record) => record.status)).toEqual(['started', 'succeeded']);
    expect(audit[1]?.actor).toBe('dlq-spec-operator');
    expect(audit[1]?.result).toMatchObject({ redriven: 1, letters: [target] });
  });

  it('refuses an unknown consumer or a dead letter that is not there, changing nothing', async () => {
    expect((await runCaptured(['dlq', 'list', '--consumer', 'nobody'], env)).code).toBe(EXIT_CODES.refused);
    const run = await runCaptured(
      ['dlq', 'redrive', '--consumer', CONSUMER, '--offset', '0:999999999', '--execute'],
      env,
    );
    expect(run.code).toBe(EXIT_CODES.refused);
    expect(run.stderr).toContain('no dead letter at 0:999999999');
  });
});
