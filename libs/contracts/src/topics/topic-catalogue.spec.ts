import {
  dlqTopicName,
  dlqTopicSpec,
  KNOWN_CONSUMERS,
  OPS_AUDIT_TOPIC_SPEC,
  rawTopicName,
  rawTopicSpec,
  retryTopicName,
  retryTopicSpec,
  TOPIC_CATALOGUE,
  TOPICS,
} from './topic-catalogue';

describe('topic catalogue', () => {
  it('names raw and DLQ topics and validates the name part', () => {
    expect(rawTopicName('credfin')).toBe(TOPICS.credfinRaw);
    expect(rawTopicName('acme-bank-2')).toBe('webhooks.acme-bank-2.v1');
    expect(dlqTopicName('income-scorer')).toBe('dlq.income-scorer.v1');
    expect(retryTopicName('income-scorer')).toBe('retry.income-scorer.v1');
    for (const bad of ['', 'Credfin', 'a.b', 'a_b', 'x'.repeat(41), '../etc']) {
      expect(() => rawTopicName(bad)).toThrow('invalid source name');
      expect(() => dlqTopicName(bad)).toThrow('invalid consumer name');
      expect(() => retryTopicName(bad)).toThrow('invalid consumer name');
    }
  });

  it('lists the static topics once each, raw topics unlimited, applications compacted', () => {
    const names = TOPIC_CATALOGUE.map((t) => t.name);
    expect(names).toEqual([
      'webhooks.credfin.v1',
      'webhooks.creditchek.v1',
      'webhooks.bridge.v1',
      'lending.applications.v1',
      'lending.reports.v1',
      'lending.income-scores.v1',
      'dlq.lifecycle-projector.v1',
      'dlq.report-retriever.v1',
      'dlq.income-scorer.v1',
      'retry.lifecycle-projector.v1',
      'retry.report-retriever.v1',
      'retry.income-scorer.v1',
      'ops.audit.v1',
    ]);
    expect(new Set(names).size).toBe(names.length);
    expect(rawTopicSpec('acme').retentionMs).toBe(-1);
    expect(TOPIC_CATALOGUE.find((t) => t.name === TOPICS.applications)?.cleanupPolicy).toBe('compact');
    expect(dlqTopicSpec('x').retentionMs).toBeGreaterThan(0);
    // A redriven letter must not expire before the dead one it came from would have.
    expect(retryTopicSpec('x').retentionMs).toBeGreaterThanOrEqual(dlqTopicSpec('x').retentionMs);
    for (const consumer of KNOWN_CONSUMERS) expect(names).toContain(retryTopicName(consumer));
    // The audit trail is kept forever and in one order.
    expect(OPS_AUDIT_TOPIC_SPEC).toMatchObject({ partitions: 1, retentionMs: -1, cleanupPolicy: 'delete' });
    for (const spec of TOPIC_CATALOGUE) {
      expect(spec.partitions).toBeGreaterThan(0);
      expect(spec.key.length).toBeGreaterThan(0);
    }
  });
});
