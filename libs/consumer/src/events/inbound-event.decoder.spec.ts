import { rawProviderRecord } from '@ledgerhook/contracts/testing';
import type { ConsumedRecord } from '@ledgerhook/kafka';
import { decodeRecord } from './inbound-event.decoder';

// A CreditChek insight whose DTI is text the contract does not allow: typed decoding refuses it (the
// consumer dead-letters it); a consumer that reads bodies itself gets it as sent.
const raw = rawProviderRecord('creditchek', {
  event: 'income_insight',
  data: { borrowerId: 'b-1', avgMonthlyIncome: '100', DTI: '35%', success: true },
});
const record: ConsumedRecord = {
  topic: 'webhooks.creditchek.v1',
  partition: 0,
  offset: '7',
  key: Buffer.from(raw.key),
  value: raw.value,
  headers: Object.fromEntries(Object.entries(raw.headers).map(([k, v]) => [k, Buffer.from(v)])),
  timestamp: String(Date.now()),
};

describe('decodeRecord', () => {
  it('refuses a provider body that breaks its contract by default', () => {
    expect(decodeRecord(record).ok).toBe(false);
  });

  it('hands the body on as parsed JSON when the consumer reads provider bodies itself', () => {
    const decoded = decodeRecord(record, { typedProviderEvents: false });
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.event).toMatchObject({
      source: 'creditchek',
      value: { event: 'income_insight', data: { DTI: '35%' } },
      attributes: { source: '/providers/creditchek' },
    });
  });
});
