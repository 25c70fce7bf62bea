import { ContractViolationError } from '../shared/contract-violation-error';
import { cloneBody, loadFixture, loadFixtures } from '../testing/fixtures';
import { creditchekInsightOf, parseCreditChekEvent } from './creditchek-event';

// Fixtures from seed 001, copied verbatim (the seed's JSON is complete): pdf_upload,
// income_transaction, income_insight (flat form) and income_insight with success: false.
// income_insight.record (data.id + data.record, described in providers.md) and
// income_insight_failure have no published example: those fixtures are constructed.

const kobo = (minor: bigint, scale = 0) => ({ currency: 'NGN', minor, scale });

function violation(fn: () => unknown): ContractViolationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContractViolationError) return error;
    throw error;
  }
  throw new Error('expected a ContractViolationError');
}

describe('CreditChek events', () => {
  it.each(loadFixtures('creditchek').map((f) => [f.file, f] as const))(
    '%s parses as a known event',
    (_f, fixture) => {
      expect(parseCreditChekEvent(fixture.body).known).toBe(true);
    },
  );

  it('parses pdf_upload', () => {
    const event = parseCreditChekEvent(loadFixture('creditchek', 'pdf_upload.json').body);
    expect(event).toMatchObject({
      known: true,
      eventName: 'pdf_upload',
      data: { success: true, pageCount: 14, borrowerId: '64c8b66302ed6ac59be6fa44', bankCode: '070' },
    });
  });

  it('parses income_transaction with exact kobo', () => {
    const event = parseCreditChekEvent(loadFixture('creditchek', 'income_transaction.json').body);
    if (!event.known || event.eventName !== 'income_transaction') throw new Error('wrong');
    expect(event.data.balance).toEqual(kobo(55659462n));
    expect(event.data.trans).toHaveLength(9);
    expect(event.data.trans[0]).toMatchObject({
      type: 'debit',
      amount: kobo(8500000n),
      balance: kobo(55659462n),
    });
    expect(event.data.trans[6].amount).toEqual(kobo(697n));
    expect(event.data.createdAt).toBe(1695108973334);
  });

  it('parses the flat income_insight with exact kobo, fractions kept, "" and "null" absent', () => {
    const event = parseCreditChekEvent(loadFixture('creditchek', 'income_insight.flat.json').body);
    if (!event.known || event.eventName !== 'income_insight' || event.form !== 'flat')
      throw new Error('wrong');
    const d = event.data;
    expect(d.borrowerId).toBe('64a64e4681741eca2fd00821');
    expect(d.avgMonthlyIncome).toEqual(kobo(811118966n, 1));
    expect(d.totalmoneyReceive).toEqual(kobo(1216678449n));
    expect(d.totalmoneySpents).toEqual(kobo(1162886221n));
    expect(d.eligibleAmount).toEqual(kobo(321203110536n, 3));
    expect(d.DTI).toBeUndefined();
    expect(d.incomeb4Tax).toBeUndefined();
    expect(d.recurringDebt).toBeUndefined();
    expect(d.bonusIncome).toBeUndefined();
    expect(d.linkedFinancialAccounts?.[0].balance).toEqual(kobo(57588664n));
    expect(d.edti?.average_monthly_balance).toEqual(kobo(1719536013846154n, 7));
    expect(d.edti?.recurrent_debt_sum).toEqual(kobo(367377715n));
    expect(d.edti?.totalBorrowed).toBeUndefined();
    expect(d.edti?.annual_edti).toBe('30.195136217128805');
    expect(d.edti?.number_of_active_months).toBe('13');
    // Unknown fields survive untouched.
    expect((d.edti as Record<string, unknown>).spendingAnalysis).toMatchObject({ airtime: [1900000] });
    expect(creditchekInsightOf(event)).toBe(d);
  });

  it('parses the record form and the success: false form', () => {
    const record = parseCreditChekEvent(
      loadFixture('creditchek', 'income_insight.record.constructed.json').body,
    );
    if (!record.known || record.eventName !== 'income_insight' || record.form !== 'record')
      throw new Error('wrong');
    expect(record.data.id).toBe('64a64eb4ecb5ee873ee210e3');
    expect(creditchekInsightOf(record)?.avgMonthlyIncome).toEqual(kobo(811118966n, 1));

    const failed = parseCreditChekEvent(loadFixture('creditchek', 'income_insight.failed.json').body);
    expect(failed).toMatchObject({
      known: true,
      eventName: 'income_insight',
      form: 'failed',
      data: { success: false, borrowerId: '65115218423277fb6' },
    });
    if (failed.known) expect(creditchekInsightOf(failed)).toBeUndefined();
  });

  it('recognises unknown events', () => {
    expect(parseCreditChekEvent({ event: 'statement_expired', data: {} })).toMatchObject({
      known: false,
      eventName: 'statement_expired',
    });
  });

  it('names the path of a missing borrowerId', () => {
    const body = cloneBody('creditchek', 'pdf_upload.json') as { data: Record<string, unknown> };
    delete body.data.borrowerId;
    expect(violation(() => parseCreditChekEvent(body)).issues).toEqual([
      { path: 'data.borrowerId', message: 'expected string, received undefined' },
    ]);
  });

  it('names the path of a wrongly typed transaction type and a malformed amount', () => {
    const body = cloneBody('creditchek', 'income_transaction.json') as {
      data: { trans: Record<string, unknown>[] };
    };
    body.data.trans[2].amount = '12abc';
    body.data.trans[3].type = 7;
    const paths = violation(() => parseCreditChekEvent(body)).issues.map((i) => i.path);
    expect(paths).toEqual(['data.trans.2.amount', 'data.trans.3.type']);
  });

  it('names the path of a malformed insight amount', () => {
    const body = cloneBody('creditchek', 'income_insight.flat.json') as {
      data: { edti: Record<string, unknown> };
    };
    body.data.edti.eligibleAmount = '3,000';
    const error = violation(() => parseCreditChekEvent(body));
    expect(error.message).toContain('data.edti.eligibleAmount: malformed amount "3,000"');
  });
});
