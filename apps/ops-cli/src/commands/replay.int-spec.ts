import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Admin, Kafka, Producer } from 'kafkajs';
import {
  OPS_AUDIT_TOPIC_SPEC,
  type OpsAuditRecord,
  opsAuditRecordSchema,
  TOPICS,
} from '@ledgerhook/contracts';
import { createIdempotentProducer, createKafkaClient, loadKafkaConfig } from '@ledgerhook/kafka';
import { endOffsets, type EndOffsets, readBetween } from '@ledgerhook/kafka/testing';
import type { ReplayOutcome, ReplayPlan } from '@ledgerhook/operations';
import { createLogger } from '@ledgerhook/platform';
import { EXIT_CODES } from '../cli/exit-codes';
import { runCaptured } from '../testing/run-captured';
import { committedOffsets, createTestTopic, TestConsumer, uniqueName } from '../testing/test-group';

// `ledgerhook replay` against the real broker `npm test` provides: a throwaway topic of 3 partitions,
// a consumer group that read it all, and the audit trail on ops.audit.v1.
const OPERATOR = 'ops-spec-operator';
const CONSUMER_CLIENT = 'replay-spec-service';
const T0 = Date.now() - 3_600_000;
const SECOND = 1_000;
// Partitions 0 and 1: records at T0, T0+1s, … T0+9s. Partition 2: T0+100s … T0+109s.
const timestampOf = (partition: number, index: number): number =>
  T0 + (partition === 2 ? 100 * SECOND : 0) + index * SECOND;
const iso = (ms: number): string => new Date(ms).toISOString();

describe('ledgerhook replay', () => {
  const topic = uniqueName('ops-replay-spec');
  const group = uniqueName('ops-replay-spec-group');
  const env = { ...process.env, LEDGERHOOK_OPERATOR: OPERATOR };
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let service: TestConsumer | undefined;

  const replay = (...args: string[]) =>
    runCaptured(['replay', '--group', group, '--topic', topic, ...args], env);

  /** What ops.audit.v1 received while `action` ran. */
  async function auditDuring<T>(action: () => Promise<T>): Promise<{ value: T; audit: OpsAuditRecord[] }> {
    const before: EndOffsets = await endOffsets(admin, TOPICS.opsAudit);
    const value = await action();
    const records = await readBetween(
      kafka,
      TOPICS.opsAudit,
      before,
      await endOffsets(admin, TOPICS.opsAudit),
    );
    return {
      value,
      audit: records.map((record) => opsAuditRecordSchema.parse(JSON.parse(String(record.value)))),
    };
  }

  beforeAll(async () => {
    const config = loadKafkaConfig('ops-cli-spec');
    kafka = createKafkaClient({ ...config, clientId: CONSUMER_CLIENT }, createLogger('ops-cli-spec', 'warn'));
    admin = kafka.admin();
    await admin.connect();
    await createTestTopic(admin, topic, 3);
    producer = createIdempotentProducer(kafka);
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [0, 1, 2].flatMap((partition) =>
        Array.from({ length: 10 }, (_, index) => ({
          partition,
          key: `k${index}`,
          value: `${partition}/${index}`,
          timestamp: String(timestampOf(partition, index)),
        })),
      ),
    });
    service = await TestConsumer.start(kafka, group, topic);
    await service.drain(admin, group, topic);
  });

  afterAll(async () => {
    await service?.stop();
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.deleteGroups([group]).catch(() => undefined);
    await admin?.disconnect();
  });

  it('shows in a dry run that --execute would be refused while the group has members', async () => {
    const run = await replay('--earliest');
    expect(run.code).toBe(EXIT_CODES.ok);
    expect(run.stdout).toContain('dry run: nothing changed');
    expect(run.stdout).toMatch(new RegExp(`--execute would be refused: .*${CONSUMER_CLIENT}@`));
  });

  it('refuses to execute while the group has active members, names them and records the refusal', async () => {
    const { value: run, audit } = await auditDuring(() => replay('--earliest', '--execute'));
    expect(run.code).toBe(EXIT_CODES.refused);
    expect(run.stderr).toMatch(new RegExp(`group ${group} has 1 active member\\(s\\): ${CONSUMER_CLIENT}@`));
    expect(await committedOffsets(admin, group, topic)).toEqual(['10', '10', '10']);
    expect(audit.map((r) => r.status)).toEqual(['started', 'refused']);
    expect(audit[1]).toMatchObject({
      operationId: audit[0]?.operationId,
      operation: 'replay',
      actor: OPERATOR,
      client: 'ledgerhook-cli',
      parameters: { group, topic, from: { earliest: true } },
      error: expect.stringContaining('active member'),
    });
    await service?.stop();
    service = undefined;
  });

  it('dry run: shows what each partition would re-read and changes nothing, unaudited', async () => {
    const { value: run, audit } = await auditDuring(() =>
      replay('--from-time', iso(T0 + 5 * SECOND), '--to-time', iso(T0 + 8 * SECOND), '--json'),
    );
    expect(run.code).toBe(EXIT_CODES.ok);
    const { executed, plan } = run.json<{ executed: boolean; plan: ReplayPlan }>();
    expect(executed).toBe(false);
    expect(plan.members).toEqual([]);
    expect(
      plan.partitions.map(({ partition, action, target, reRead, inWindow }) => ({
        partition,
        action,
        target,
        reRead,
        inWindow,
      })),
    ).toEqual([
      { partition: 0, action: 'move', target: '5', reRead: '5', inWindow: '3' },
      { partition: 1, action: 'move', target: '5', reRead: '5', inWindow: '3' },
      // Partition 2 has no record between T0+5s and T0+8s: left alone.
      { partition: 2, action: 'unchanged', target: '10', reRead: '0', inWindow: '0' },
    ]);
    expect(plan.totalReRead).toBe('10');
    expect(await committedOffsets(admin, group, topic)).toEqual(['10', '10', '10']);
    expect(audit).toEqual([]);

    const human = await replay('--from-time', iso(T0 + 5 * SECOND), '--to-time', iso(T0 + 8 * SECOND));
    expect(human.stdout).toMatch(/^2\s+10\s+-\s+10\s+0\s+0\s+unchanged: no records in the window$/m);
    expect(human.stdout).toContain('2 partition(s) move, 10 record(s) read again');
  });

  it('--execute moves the offsets to the time, is audited, and the group then reads exactly the records from that time', async () => {
    const from = T0 + 5 * SECOND;
    const { value: run, audit } = await auditDuring(() =>
      replay('--from-time', iso(from), '--execute', '--json'),
    );
    expect(run.code).toBe(EXIT_CODES.ok);
    const outcome = run.json<ReplayOutcome & { executed: boolean }>();
    expect(outcome.executed).toBe(true);
    expect(outcome.moved).toEqual([
      { partition: 0, before: '10', after: '5' },
      { partition: 1, before: '10', after: '5' },
      { partition: 2, before: '10', after: '0' },
    ]);
    expect(await committedOffsets(admin, group, topic)).toEqual(['5', '5', '0']);
    expect(audit.map((r) => [r.operationId, r.status, r.actor])).toEqual([
      [outcome.operationId, 'started', OPERATOR],
      [outcome.operationId, 'succeeded', OPERATOR],
    ]);
    expect(audit[1]?.parameters).toEqual({ group, topic, from: { time: iso(from) } });
    expect(audit[1]?.result).toEqual({ partitions: outcome.moved, totalReRead: '20' });

    service = await TestConsumer.start(kafka, group, topic);
    await service.drain(admin, group, topic);
    const reread = service.records.map((r) => `${r.partition}/${r.offset}`).sort();
    const expected = [0, 1, 2]
      .flatMap((partition) =>
        Array.from({ length: 10 }, (_, index) => index)
          .filter((index) => timestampOf(partition, index) >= from)
          .map((index) => `${partition}/${index}`),
      )
      .sort();
    expect(reread).toEqual(expected);
    await service.stop();
    service = undefined;
  });

  it('--to-time leaves partitions without records in the window; --from-offset moves only the partition named', async () => {
    const window = await replay(
      '--from-time',
      iso(T0 + 5 * SECOND),
      '--to-time',
      iso(T0 + 8 * SECOND),
      '--execute',
    );
    expect(window.code).toBe(EXIT_CODES.ok);
    expect(window.stdout).toMatch(/^replayed \(audit operation [0-9a-f-]{36}\)$/m);
    expect(await committedOffsets(admin, group, topic)).toEqual(['5', '5', '10']);

    const one = await replay('--from-offset', '0:2', '--execute', '--json');
    expect(one.code).toBe(EXIT_CODES.ok);
    expect(await committedOffsets(admin, group, topic)).toEqual(['2', '5', '10']);
    // Never forwards: partition 1 is at 5, so starting it at 8 changes nothing (and nothing else moves).
    const forward = await replay('--from-offset', '1:8', '--execute', '--json');
    expect(forward.code).toBe(EXIT_CODES.refused);
    expect(forward.json()).toEqual({
      error: { kind: 'refused', message: expect.stringContaining('nothing to replay') },
    });
    expect(await committedOffsets(admin, group, topic)).toEqual(['2', '5', '10']);
  });

  it.each([
    [['--from-offset', '1:11'], 'offset 11 is outside partition 1'],
    [['--from-offset', '7:0'], 'has no partition 7'],
    [['--from-time', iso(T0 + 9 * SECOND), '--to-time', iso(T0)], 'the window is empty'],
  ])('refuses %j (exit 4) and changes nothing', async (args, message) => {
    const before = await committedOffsets(admin, group, topic);
    const run = await replay(...args);
    expect(run.code).toBe(EXIT_CODES.refused);
    expect(run.stderr).toContain(message);
    expect(await committedOffsets(admin, group, topic)).toEqual(before);
  });

  it('refuses unknown topics and groups that never read the topic (exit 4)', async () => {
    const topicRun = await runCaptured(
      ['replay', '--group', group, '--topic', 'no.such.topic.v1', '--earliest'],
      env,
    );
    expect(topicRun.code).toBe(EXIT_CODES.refused);
    expect(topicRun.stderr).toContain('topic no.such.topic.v1 does not exist');
    const groupRun = await runCaptured(
      ['replay', '--group', 'never-ran', '--topic', topic, '--earliest'],
      env,
    );
    expect(groupRun.code).toBe(EXIT_CODES.refused);
    expect(groupRun.stderr).toContain('group never-ran has no committed offset');
  });

  it('does not act when the audit record cannot be written (exit 5)', async () => {
    const auditConfig = (extra: Array<{ name: string; value: string }>) =>
      admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: 2, // TOPIC
            name: OPS_AUDIT_TOPIC_SPEC.name,
            // AlterConfigs replaces every override of the topic: restate the catalogue's.
            configEntries: [
              { name: 'retention.ms', value: String(OPS_AUDIT_TOPIC_SPEC.retentionMs) },
              { name: 'cleanup.policy', value: OPS_AUDIT_TOPIC_SPEC.cleanupPolicy },
              ...extra,
            ],
          },
        ],
      });
    const before = await committedOffsets(admin, group, topic);
    await auditConfig([{ name: 'max.message.bytes', value: '64' }]);
    try {
      const run = await replay('--earliest', '--execute');
      expect(run.code).toBe(EXIT_CODES.audit);
      expect(run.stderr).toContain('nothing was changed');
    } finally {
      await auditConfig([]);
    }
    expect(await committedOffsets(admin, group, topic)).toEqual(before);
  });

  it('exits with the same codes as a process (bin/ledgerhook.js)', () => {
    const bin = path.resolve(__dirname, '../../bin/ledgerhook.js');
    const refused = spawnSync(
      process.execPath,
      [bin, 'replay', '--group', group, '--topic', 'no.such.topic.v1', '--earliest', '--json'],
      {
        env,
        encoding: 'utf8',
      },
    );
    expect(refused.status).toBe(EXIT_CODES.refused);
    expect(JSON.parse(refused.stdout)).toEqual({
      error: { kind: 'refused', message: expect.stringContaining('does not exist') },
    });
    const dryRun = spawnSync(
      process.execPath,
      [bin, 'replay', '--group', group, '--topic', topic, '--earliest', '--json'],
      {
        env,
        encoding: 'utf8',
      },
    );
    expect(dryRun.status).toBe(EXIT_CODES.ok);
    expect(JSON.parse(dryRun.stdout).plan.partitionsToMove).toBe(3);
  });
});
