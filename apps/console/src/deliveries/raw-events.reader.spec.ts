import type { ConsumedRecord } from '@ledgerhook/kafka';
import { headersOf, maskedBody, revealedBody, rowOf } from './raw-events.reader';

const record = (value: string): ConsumedRecord =>
  ({
    topic: 'webhooks.credfin.v1',
    partition: 3,
    offset: '42',
    key: Buffer.from('961194'),
    value: Buffer.from(value),
    timestamp: String(Date.parse('2026-11-23T10:00:00Z')),
    headers: {
      ce_id: Buffer.from('id-1'),
      ce_type: Buffer.from('credfin.crawler.seed_created'),
      ce_subject: Buffer.from('961194'),
    },
  }) as unknown as ConsumedRecord;

describe('raw events as the console shows them', () => {
  const body = JSON.stringify({
    id: 961194,
    full_name: 'Avery Quill',
    owners: [{ email: 'a@example.test' }],
  });

  it('masks every value of a JSON body and keeps its shape', () => {
    const shown = maskedBody(record(body));
    expect(shown).not.toContain('Avery');
    expect(shown).not.toContain('a@example.test');
    expect(JSON.parse(shown)).toEqual({ id: '***', full_name: '***', owners: [{ email: '***' }] });
  });

  it('shows only the length of a body that is not JSON', () => {
    const shown = maskedBody(record('name=Avery+Quill'));
    expect(shown).toBe('(16 bytes, not JSON: reveal to see them)');
  });

  it('reveals the body as sent', () => {
    expect(JSON.parse(revealedBody(record(body)))).toEqual(JSON.parse(body));
    expect(revealedBody(record('name=Avery'))).toBe('name=Avery');
  });

  it('lists an event by its CloudEvents headers and position, falling back to the record time', () => {
    expect(rowOf(record(body))).toEqual({
      time: '2026-11-23T10:00:00.000Z',
      type: 'credfin.crawler.seed_created',
      subject: '961194',
      ceId: 'id-1',
      partition: 3,
      offset: '42',
    });
    expect(headersOf(record(body))).toEqual({
      ce_id: 'id-1',
      ce_subject: '961194',
      ce_type: 'credfin.crawler.seed_created',
    });
  });
});
