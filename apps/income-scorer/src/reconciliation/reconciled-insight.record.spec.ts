import { TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import {
  identifyProviderEvent,
  parseCloudEventHeaders,
  sourceNameOf,
  TOPICS,
  uuidv7Time,
} from '@ledgerhook/contracts';
import { loadFixture } from '@ledgerhook/contracts/testing';
import { reconciledInsight } from './reconciled-insight.record';

const flat = loadFixture('creditchek', 'income_insight.flat.json').body.data as Record<string, unknown>;
const failed = loadFixture('creditchek', 'income_insight.failed.json').body.data as Record<string, unknown>;
const BORROWER = flat.borrowerId as string;
const uploadedAt = new Date('2026-11-23T09:00:00.123Z');
const fetchedAt = new Date('2026-11-23T09:31:00.000Z');

function built(borrowerId: string, data: Record<string, unknown>, at = fetchedAt) {
  const result = reconciledInsight(borrowerId, uploadedAt, data, at, TEST_ACCOUNT_REFS);
  if (!result.ok) throw new Error(result.reason);
  return result.record;
}

describe('reconciledInsight', () => {
  it('is the income_insight webhook as the ingress stores it, marked as fetched by the reconciler', () => {
    const record = built(BORROWER, flat);
    const body = Buffer.from(JSON.stringify({ event: 'income_insight', data: flat }));
    expect(record.value).toEqual(body);
    const identity = identifyProviderEvent(
      'creditchek',
      JSON.parse(body.toString()),
      body,
      TEST_ACCOUNT_REFS,
    );
    if ('error' in identity) throw new Error(identity.error);
    expect(record.topic).toBe(TOPICS.creditchekRaw);
    expect(record.key).toBe(`borrower:${BORROWER}`);
    expect(record.dedupKey).toBe(identity.dedupKey);
    const attributes = parseCloudEventHeaders(record.headers);
    expect(attributes).toMatchObject({
      id: record.ceId,
      source: '/providers/creditchek/reconciler',
      type: 'creditchek.income_insight',
      subject: identity.subject,
      dedupkey: identity.dedupKey,
      time: fetchedAt.toISOString(),
      datacontenttype: 'application/json',
    });
    expect(sourceNameOf(attributes)).toBe('creditchek');
  });

  it('has the same ce_id and dedup key on every run for the same upload and insight, another for another', () => {
    const first = built(BORROWER, flat);
    const again = built(BORROWER, structuredClone(flat), new Date(fetchedAt.getTime() + 3_600_000));
    expect(again.ceId).toBe(first.ceId);
    expect(again.dedupKey).toBe(first.dedupKey);
    expect(uuidv7Time(first.ceId)).toEqual(uploadedAt);
    const changed = built(BORROWER, { ...flat, avgMonthlyIncome: '81111896.7' });
    expect(changed.ceId).not.toBe(first.ceId);
    expect(changed.dedupKey).not.toBe(first.dedupKey);
  });

  it('takes the id + record form and the success: false form too', () => {
    expect(built(BORROWER, { id: 'insight-1', record: flat }).key).toBe(`borrower:${BORROWER}`);
    expect(built(failed.borrowerId as string, failed).key).toBe(`borrower:${failed.borrowerId as string}`);
  });

  it('refuses an insight that breaks the contract, naming the field, never quoting personal data', () => {
    const result = reconciledInsight(
      BORROWER,
      uploadedAt,
      { ...flat, avgMonthlyIncome: { bvn: '22357999900' } },
      fetchedAt,
      TEST_ACCOUNT_REFS,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(/avgMonthlyIncome/);
    expect(result.reason).not.toContain('22357999900');
    expect(
      reconciledInsight(
        BORROWER,
        uploadedAt,
        { ...flat, borrowerId: undefined },
        fetchedAt,
        TEST_ACCOUNT_REFS,
      ).ok,
    ).toBe(false);
  });

  it("refuses another borrower's insight", () => {
    const result = reconciledInsight('someone-else', uploadedAt, flat, fetchedAt, TEST_ACCOUNT_REFS);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/another borrower/) as unknown });
  });
});
