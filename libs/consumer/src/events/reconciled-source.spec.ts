import { providerRecord } from '@ledgerhook/contracts';
import { loadFixture, TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import type { ConsumedRecord } from '@ledgerhook/kafka';
import { decodeRecord } from './inbound-event.decoder';

const consumed = (record: ReturnType<typeof providerRecord>): ConsumedRecord => ({
  topic: 'webhooks.creditchek.v1',
  partition: 0,
  offset: '0',
  key: Buffer.from(record.key),
  value: record.value,
  headers: record.headers,
  timestamp: '0',
});

describe('decodeRecord', () => {
  const insight = loadFixture('creditchek', 'income_insight.flat.json').raw;

  it('reads an event the reconciler fetched as the provider event it is, like the webhook', () => {
    const received = decodeRecord(
      consumed(providerRecord('creditchek', insight, { receivedAt: new Date(), refs: TEST_ACCOUNT_REFS })),
    );
    const fetched = decodeRecord(
      consumed(
        providerRecord('creditchek', insight, {
          receivedAt: new Date(),
          refs: TEST_ACCOUNT_REFS,
          origin: 'reconciler',
        }),
      ),
    );
    if (!received.ok || !fetched.ok) throw new Error('expected both to decode');
    expect('provider' in fetched.event && fetched.event.provider).toBe('creditchek');
    expect(fetched.event.attributes.source).toBe('/providers/creditchek/reconciler');
    expect('event' in fetched.event && fetched.event.event).toEqual(
      'event' in received.event && received.event.event,
    );
  });

  it("hands on our own services' records as downstream events", () => {
    const record = providerRecord('creditchek', insight, { receivedAt: new Date(), refs: TEST_ACCOUNT_REFS });
    const decoded = decodeRecord(
      consumed({ ...record, headers: { ...record.headers, ce_source: '/providers/income-scorer' } }),
    );
    expect(decoded.ok && 'source' in decoded.event && decoded.event.source).toBe('income-scorer');
  });
});
