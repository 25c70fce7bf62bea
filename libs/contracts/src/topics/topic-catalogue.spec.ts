import {
  dlqTopicName,
  dlqTopicSpec,
  rawTopicName,
  rawTopicSpec,
  TOPIC_CATALOGUE,
  TOPICS,
} from './topic-catalogue';

describe('topic catalogue', () => {
  it('names raw and DLQ topics and validates the name part', () => {
    expect(rawTopicName('credfin')).toBe(TOPICS.credfinRaw);
    expect(rawTopicName('acme-bank-2')).toBe('webhooks.acme-bank-2.v1');
    expect(dlqTopicName('income-scorer')).toBe('dlq.income-scorer.v1');
    for (const bad of ['', 'Credfin', 'a.b', 'a_b', 'x'.repeat(41), '../etc']) {
      expect(() => rawTopicName(bad)).toThrow('invalid source name');
      expect(() => dlqTopicName(bad)).toThrow('invalid consumer name');
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
    ]);
    expect(rawTopicSpec('acme').retentionMs).toBe(-1);
    expect(TOPIC_CATALOGUE.find((t) => t.name === TOPICS.applications)?.cleanupPolicy).toBe('compact');
    expect(dlqTopicSpec('x').retentionMs).toBeGreaterThan(0);
    for (const spec of TOPIC_CATALOGUE) {
      expect(spec.partitions).toBeGreaterThan(0);
      expect(spec.key.length).toBeGreaterThan(0);
    }
  });
});
