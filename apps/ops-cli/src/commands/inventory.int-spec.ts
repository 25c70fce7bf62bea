import type { Admin, Kafka, Producer } from 'kafkajs';
import { TOPIC_CATALOGUE, TOPICS } from '@ledgerhook/contracts';
import { createIdempotentProducer, createKafkaClient, loadKafkaConfig } from '@ledgerhook/kafka';
import type { GroupReport, RebuildPlan, TopicReport } from '@ledgerhook/operations';
import { createLogger } from '@ledgerhook/platform';
import { EXIT_CODES } from '../cli/exit-codes';
import { runCaptured } from '../testing/run-captured';
import { committedOffsets, createTestTopic, TestConsumer, uniqueName } from '../testing/test-group';

// `ledgerhook topics` and `ledgerhook groups` against the real broker `npm test` provisions.
const CONSUMER_CLIENT = 'inventory-spec-service';

describe('ledgerhook topics and groups', () => {
  const source = uniqueName('opsspec');
  const genericTopic = `webhooks.${source}.v1`;
  const groupTopic = uniqueName('ops-groups-spec');
  const group = uniqueName('ops-groups-spec-group');
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let service: TestConsumer | undefined;

  const send = (topic: string, partition: number, count: number) =>
    producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: count }, (_, i) => ({ partition, key: `k${i}`, value: String(i) })),
    });

  beforeAll(async () => {
    kafka = createKafkaClient(
      { ...loadKafkaConfig('ops-cli-spec'), clientId: CONSUMER_CLIENT },
      createLogger('ops-cli-spec', 'warn'),
    );
    admin = kafka.admin();
    await admin.connect();
    producer = createIdempotentProducer(kafka);
    await producer.connect();
    // A generic source's raw topic, made unlike the catalogue's raw topics (2 partitions, not 12).
    await createTestTopic(admin, genericTopic, 2);
    await send(genericTopic, 0, 3);
    await send(genericTopic, 1, 1);
    await createTestTopic(admin, groupTopic, 2);
    await send(groupTopic, 0, 5);
    await send(groupTopic, 1, 2);
  });

  afterAll(async () => {
    await service?.stop();
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [genericTopic, groupTopic] }).catch(() => undefined);
    await admin?.deleteGroups([group]).catch(() => undefined);
    await admin?.disconnect();
  });

  it('topics: every catalogue topic as provisioned, plus generic sources with their drift', async () => {
    const run = await runCaptured(['topics', '--json']);
    expect(run.code).toBe(EXIT_CODES.ok);
    const { topics } = run.json<{ topics: TopicReport[] }>();
    for (const spec of TOPIC_CATALOGUE) {
      expect(topics.find((t) => t.name === spec.name)).toMatchObject({
        catalogued: true,
        exists: true,
        partitions: spec.partitions,
        retentionMs: spec.retentionMs,
        cleanupPolicy: spec.cleanupPolicy,
        drift: [],
      });
    }
    expect(topics.find((t) => t.name === genericTopic)).toEqual({
      name: genericTopic,
      catalogued: false,
      exists: true,
      partitions: 2,
      records: '4',
      retentionMs: -1,
      cleanupPolicy: 'delete',
      drift: ['partitions 2, catalogue 12'],
    });
    // Test topics outside the catalogue's naming are not listed.
    expect(topics.find((t) => t.name === groupTopic)).toBeUndefined();

    const human = await runCaptured(['topics']);
    expect(human.code).toBe(EXIT_CODES.ok);
    expect(human.stdout).toMatch(/^topic\s+partitions\s+records\s+retention\s+cleanup\s+drift$/m);
    expect(human.stdout).toMatch(/^dlq\.lifecycle-projector\.v1\s+3\s+\d+\s+30d\s+delete$/m);
    expect(human.stdout).toMatch(/^ops\.audit\.v1\s+1\s+\d+\s+unlimited\s+delete$/m);
    expect(human.stdout).toContain(`${genericTopic} (generic source)  2`);
  });

  it('groups: state, members with their partitions and lag per partition, while running and once stopped', async () => {
    service = await TestConsumer.start(kafka, group, groupTopic);
    await service.drain(admin, group, groupTopic);

    const running = await runCaptured(['groups', '--group', group, '--json']);
    expect(running.code).toBe(EXIT_CODES.ok);
    const [active] = running.json<{ groups: GroupReport[] }>().groups;
    expect(active).toMatchObject({ groupId: group, state: 'Stable', totalLag: '0' });
    expect(active?.members).toEqual([
      {
        memberId: expect.stringMatching(new RegExp(`^${CONSUMER_CLIENT}-`)),
        clientId: CONSUMER_CLIENT,
        clientHost: '127.0.0.1',
        assignment: { [groupTopic]: [0, 1] },
      },
    ]);
    expect(active?.partitions).toEqual([
      { topic: groupTopic, partition: 0, committed: '5', end: '5', lag: '0' },
      { topic: groupTopic, partition: 1, committed: '2', end: '2', lag: '0' },
    ]);

    const runningHuman = await runCaptured(['groups', '--group', group]);
    expect(runningHuman.stdout).toContain(`group ${group}  state Stable  members 1  lag 0`);
    expect(runningHuman.stdout).toMatch(
      new RegExp(`^  member ${CONSUMER_CLIENT}@127\\.0\\.0\\.1 \\S+ ${groupTopic}\\[0,1\\]$`, 'm'),
    );

    await service.stop();
    service = undefined;
    await send(groupTopic, 1, 4);
    expect(await committedOffsets(admin, group, groupTopic)).toEqual(['5', '2']);

    const stopped = await runCaptured(['groups', '--group', group]);
    expect(stopped.code).toBe(EXIT_CODES.ok);
    expect(stopped.stdout).toContain(`group ${group}  state Empty  members 0  lag 4`);

    expect(stopped.stdout).toMatch(new RegExp(`^  ${groupTopic}\\s+1\\s+2\\s+6\\s+4$`, 'm'));

    // Without --group: every group, this one among them.
    const all = await runCaptured(['groups', '--json']);
    expect(all.json<{ groups: GroupReport[] }>().groups.map((g) => g.groupId)).toContain(group);
  });

  it('groups: a group that does not exist is reported Dead, with nothing committed', async () => {
    const run = await runCaptured(['groups', '--group', 'no-such-group-ops-spec', '--json']);
    expect(run.code).toBe(EXIT_CODES.ok);
    expect(run.json<{ groups: GroupReport[] }>().groups).toEqual([
      { groupId: 'no-such-group-ops-spec', state: 'Dead', members: [], partitions: [], totalLag: '0' },
    ]);
  });

  it('rebuild: a dry run names the shadow and what it would read, in JSON; an unknown projection is refused', async () => {
    const run = await runCaptured(['rebuild', 'lifecycle-projector', '--json']);
    expect(run.code).toBe(EXIT_CODES.ok);
    const { executed, plan } = run.json<{ executed: boolean; plan: RebuildPlan }>();
    expect(executed).toBe(false);
    expect(plan.live).toEqual({ schema: 'lifecycle', group: 'lifecycle-projector' });
    expect(plan.shadow.schema).toMatch(/^lifecycle_rebuild_\d{14}$/);
    expect(plan.shadow.groupId).toMatch(/^lifecycle-projector\.rebuild\.\d{14}$/);
    expect(plan.topics.map((t) => t.topic)).toEqual([TOPICS.credfinRaw, TOPICS.bridgeRaw, TOPICS.reports]);
    expect(Object.keys(plan.topics[0]?.ends ?? {})).toHaveLength(12);

    const unknown = await runCaptured(['rebuild', 'report-retriever', '--json']);
    expect(unknown.code).toBe(EXIT_CODES.refused);
    expect(unknown.json()).toEqual({
      error: { kind: 'refused', message: expect.stringContaining('one of lifecycle-projector') },
    });
  });
});
