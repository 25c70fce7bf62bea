import { opsAuditRecordSchema, retryTopicName, TOPICS } from '@ledgerhook/contracts';
import { createIdempotentProducer } from '@ledgerhook/kafka';
import { endOffsets, readBetween, waitForGroupAtEnd } from '@ledgerhook/kafka/testing';
import type { DeadLetterDetail, DeadLetterView, ReplayOutcome } from '@ledgerhook/operations';
import { EXIT_CODES } from '../cli/exit-codes';
import { createLedgerService, ledgerEvent, type LedgerService } from '../testing/ledger-service';
import { runCaptured } from '../testing/run-captured';

// What operations do to a real consumer (KafkaBatchTransport with its inbox, DLQ and retry topic, on
// the real broker and PostgreSQL): a replay re-reads exactly what it says and changes no effect; a
// redrive after the cause is fixed applies each dead letter once and leaves the DLQ empty.
const env = { ...process.env, LEDGERHOOK_OPERATOR: 'effects-spec-operator' };
// Within republish's search margin (an hour before a ce_id's time; ids are minted no earlier than now).
const T0 = Date.now() - 20 * 60_000;
const SECOND = 1_000;

/** Polls until `check` holds (waits for the system, not a fixed time). */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function produce(service: LedgerService, events: ReturnType<typeof ledgerEvent>[]): Promise<void> {
  const producer = createIdempotentProducer(service.kafka);
  await producer.connect();
  try {
    await producer.send({
      topic: service.topic,
      acks: -1,
      messages: events.map((event, i) => ({ ...event, partition: i % 2 })),
    });
  } finally {
    await producer.disconnect();
  }
}

const ceId = (event: ReturnType<typeof ledgerEvent>): string => event.headers['ce_id'] as string;

describe('operations against a real consumer', () => {
  let service: LedgerService | undefined;

  afterEach(async () => {
    await service?.dispose();
    service = undefined;
  });

  it('replay --from-time: the group re-reads exactly the records from that time, and no effect applies twice', async () => {
    service = await createLedgerService('replay');
    const events = Array.from({ length: 8 }, (_, i) => ledgerEvent(100 + i, T0 + i * SECOND));
    await produce(service, events);
    await service.start();
    await waitForGroupAtEnd(service.admin, service.group, [service.topic], 30_000);
    expect([...(await service.effects()).values()]).toEqual(Array(8).fill(1));
    await service.stop();

    // Records 4..7 (T0+4s on) are 2 per partition: partition 0 holds 0,2,4,6 and partition 1 holds 1,3,5,7.
    const run = await runCaptured(
      [
        'replay',
        '--group',
        service.group,
        '--topic',
        service.topic,
        '--from-time',
        new Date(T0 + 4 * SECOND).toISOString(),
        '--execute',
        '--json',
      ],
      env,
    );
    expect(run.code).toBe(EXIT_CODES.ok);
    expect(run.json<ReplayOutcome>().moved).toEqual([
      { partition: 0, before: '4', after: '2' },
      { partition: 1, before: '4', after: '2' },
    ]);

    await service.start();
    await waitForGroupAtEnd(service.admin, service.group, [service.topic], 30_000);
    const live = service;
    await eventually(
      async () => (await live.metric('consumer_duplicates_skipped_total')) === 4,
      '4 duplicates',
    );
    expect(await service.metric('consumer_events_applied_total')).toBe(0);
    expect(await service.effects()).toEqual(new Map(events.map((event) => [ceId(event), 1])));
  });

  it('dlq show, redrive after the cause is fixed (each applied once, the DLQ then empty), republish, purge', async () => {
    service = await createLedgerService('dlq');
    const live = service;
    const [a, b, c] = [
      ledgerEvent(1, T0),
      ledgerEvent(2, T0 + SECOND),
      ledgerEvent(3, T0 + 2 * SECOND),
    ] as const;
    service.refused.add(ceId(b)).add(ceId(c));
    await produce(service, [a, b, c]);
    await service.start();
    await waitForGroupAtEnd(service.admin, service.group, [service.topic], 30_000);
    expect(await service.effects()).toEqual(new Map([[ceId(a), 1]]));

    const list = async () =>
      (await runCaptured(['dlq', 'list', service!.name, '--json'], env)).json<{ letters: DeadLetterView[] }>()
        .letters;
    const letters = await list();
    expect(letters.map((l) => [l.ceId, l.sourceTopic, l.error])).toEqual(
      expect.arrayContaining([
        [ceId(b), service.topic, expect.stringContaining('refused: the cause is not fixed')],
        [ceId(c), service.topic, expect.stringContaining('refused: the cause is not fixed')],
      ]),
    );
    expect(letters).toHaveLength(2);

    // show: headers always, the body only with --payload.
    const at = `${letters[0]?.partition}:${letters[0]?.offset}`;
    const bare = await runCaptured(['dlq', 'show', service.name, '--offset', at, '--json'], env);
    expect(bare.code).toBe(EXIT_CODES.ok);
    const [shown] = bare.json<{ letters: DeadLetterDetail[] }>().letters;
    expect(shown?.headers).toMatchObject({ ce_id: letters[0]?.ceId, dlq_source_topic: service.topic });
    expect(shown).not.toHaveProperty('payload');
    const full = await runCaptured(['dlq', 'show', service.name, '--offset', at, '--payload'], env);
    expect(full.stdout).toContain('"item_id"');
    expect(full.stdout).toContain(`dead letter ${at}`);

    // The cause is fixed; the redrive sends both, the consumer applies them once each.
    service.refused.clear();
    const auditBefore = await endOffsets(service.admin, TOPICS.opsAudit);
    const redrive = await runCaptured(['dlq', 'redrive', service.name, '--execute', '--json'], env);
    expect(redrive.code).toBe(EXIT_CODES.ok);
    await eventually(async () => (await live.effects()).size === 3, 'the redriven letters applied');
    expect(await service.effects()).toEqual(new Map([a, b, c].map((event) => [ceId(event), 1])));
    expect(await list()).toEqual([]);
    const redriven = await readBetween(
      service.kafka,
      retryTopicName(service.name),
      new Map([
        [0, '0'],
        [1, '0'],
        [2, '0'],
      ]),
      await endOffsets(service.admin, retryTopicName(service.name)),
    );
    expect(redriven.map((record) => record.headers['dlq_redriven_at']?.toString())).toEqual([
      expect.stringMatching(/^\d{4}-/),
      expect.stringMatching(/^\d{4}-/),
    ]);

    // Republishing an event already applied (from the raw topic) changes nothing: the inbox skips it.
    const republish = await runCaptured(
      ['republish', ceId(a), '--consumer', service.name, '--execute', '--json'],
      env,
    );
    expect(republish.code).toBe(EXIT_CODES.ok);
    expect(republish.json<{ plan: { found: { topic: string } } }>().plan.found.topic).toBe(service.topic);
    await eventually(
      async () => (await live.metric('consumer_duplicates_skipped_total')) >= 1,
      'the republished duplicate',
    );
    expect(await service.effects()).toEqual(new Map([a, b, c].map((event) => [ceId(event), 1])));

    // A letter purged is marked handled: no longer listed, never applied.
    const d = ledgerEvent(4, T0 + 3 * SECOND);
    service.refused.add(ceId(d));
    await produce(service, [d]);
    await eventually(async () => (await list()).length === 1, 'the new dead letter');
    const purge = await runCaptured(['dlq', 'purge', service.name, '--execute', '--json'], env);
    expect(purge.code).toBe(EXIT_CODES.ok);
    expect(purge.json<{ executed: boolean; plan: { letters: DeadLetterView[] } }>()).toMatchObject({
      executed: true,
      plan: { letters: [{ ceId: ceId(d) }] },
    });
    expect(await list()).toEqual([]);
    expect((await service.effects()).has(ceId(d))).toBe(false);

    const audit = (
      await readBetween(
        service.kafka,
        TOPICS.opsAudit,
        auditBefore,
        await endOffsets(service.admin, TOPICS.opsAudit),
      )
    )
      .map((record) => opsAuditRecordSchema.parse(JSON.parse(String(record.value))))
      .filter((record) => record.parameters['consumer'] === live.name);
    expect(audit.map((record) => `${record.operation} ${record.status}`)).toEqual([
      'dlq.redrive started',
      'dlq.redrive succeeded',
      'republish started',
      'republish succeeded',
      'dlq.purge started',
      'dlq.purge succeeded',
    ]);
    expect(audit[1]?.result).toMatchObject({ redriven: 2 });
    expect(audit[5]?.result).toMatchObject({ purged: 1 });
  });
});
