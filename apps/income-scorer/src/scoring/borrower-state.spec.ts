import fc from 'fast-check';
import { TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import { cloneBody } from '@ledgerhook/contracts/testing';
import { type BorrowerEvent, readBorrowerEvent, type RawCreditChekRecord } from './borrower-event';
import { borrowerResult } from './borrower-result';
import { type BorrowerState, emptyBorrowerState, foldBorrowerEvent } from './borrower-state';
import { loadScoringConfig } from './scoring.config';
import { insightBody, insightFigures } from './testing/generated-insights';

// docs/scoring.md, section 6: the fold is order-independent and idempotent, and keeps no personal data.

const BORROWER = 'borrower-fold';
const config = loadScoringConfig('income-scorer', {});
const ACCOUNTS = ['0123456789', '9876543210', '5550001234'];

type Body = { event: string; data: Record<string, unknown> };

function withBorrower(file: string, change: (data: Record<string, unknown>) => void): Body {
  const body = cloneBody('creditchek', file) as Body;
  body.data.borrowerId = BORROWER;
  change(body.data);
  return body;
}

const account = fc.constantFrom(...ACCOUNTS);
const appId = fc.constantFrom('app-1', 'app-2');
const body: fc.Arbitrary<Body> = fc.oneof(
  account.map((number) => withBorrower('pdf_upload.json', (d) => (d.accountNumber = number))),
  fc.tuple(account, appId, fc.integer({ min: -1000, max: 100000 })).map(([number, app, balance]) =>
    withBorrower('income_transaction.json', (d) => {
      d.accountNumber = number;
      d.appId = app;
      (d.trans as Record<string, unknown>[])[0].balance = balance;
    }),
  ),
  insightFigures.map((f) => insightBody(f, BORROWER) as Body),
  fc.tuple(account, appId).map(([number, app]) =>
    withBorrower('income_insight.failed.json', (d) => {
      d.accountNumber = number;
      d.appId = app;
    }),
  ),
  appId.map((app) => withBorrower('income_insight_failure.constructed.json', (d) => (d.appId = app))),
);

/** Distinct ce_ids; ce_times may collide (ties are broken by ce_id). */
const records: fc.Arbitrary<RawCreditChekRecord[]> = fc
  .array(fc.tuple(body, fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 12 })
  .map((items) =>
    items.map(([b, minute], i) => ({
      ceId: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      time: new Date(Date.UTC(2024, 0, 1, 9, minute)).toISOString(),
      body: b,
    })),
  );

const fold = (events: readonly BorrowerEvent[]): BorrowerState =>
  events.reduce(foldBorrowerEvent, emptyBorrowerState(BORROWER));

const eventsOf = (rs: readonly RawCreditChekRecord[]): BorrowerEvent[] =>
  rs.map((r) => readBorrowerEvent(r, TEST_ACCOUNT_REFS)).filter((e): e is BorrowerEvent => e !== undefined);

describe('borrower state', () => {
  it('is the same, and gives the same result, whatever order the events arrive in', () => {
    fc.assert(
      fc.property(
        records.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length }))),
        ([inOrder, shuffled]) => {
          const a = fold(eventsOf(inOrder));
          const b = fold(eventsOf(shuffled));
          expect(b).toEqual(a);
          expect(borrowerResult(b, config)).toEqual(borrowerResult(a, config));
        },
      ),
    );
  });

  it('does not change when an event is delivered again', () => {
    fc.assert(
      fc.property(records, fc.nat(), (rs, pick) => {
        const events = eventsOf(rs);
        const again = events[pick % events.length];
        expect(fold([...events, again])).toEqual(fold(events));
      }),
    );
  });

  it('keeps accounts as reference + last 4 digits with their applications, and no personal data', () => {
    const upload = withBorrower('pdf_upload.json', (d) => (d.accountNumber = '0123456789'));
    const transactions = withBorrower('income_transaction.json', (d) => {
      d.accountNumber = '0123456789';
      d.bankCode = '070';
    });
    const state = fold(
      eventsOf([
        { ceId: 'ce-1', time: '2024-01-01T09:00:00Z', body: upload },
        { ceId: 'ce-2', time: '2024-01-01T09:05:00Z', body: transactions },
      ]),
    );
    expect(Object.values(state.accounts)).toEqual([
      {
        accountRef: expect.stringMatching(/^acct:[0-9a-f]{32}$/),
        last4: '6789',
        appIds: ['62877574ae22f30012b03091'],
      },
    ]);
    expect(state.uploads['ce-1'].accountRef).toBe(state.transactions['ce-2'].accountRef);
    const text = JSON.stringify(state, (_key, value: unknown) =>
      typeof value === 'bigint' ? String(value) : value,
    );
    for (const personal of [
      '0123456789',
      '22357999900',
      'Jorm',
      'JORM',
      'PAYSTACK',
      'Loan Recovery',
      'LAWRENC',
      'pdfStatement',
    ])
      expect(text).not.toContain(personal);
  });

  it('refuses an event of another borrower', () => {
    const [event] = eventsOf([
      { ceId: 'ce-1', time: '2024-01-01T09:00:00Z', body: cloneBody('creditchek', 'pdf_upload.json') },
    ]);
    expect(() => foldBorrowerEvent(emptyBorrowerState(BORROWER), event)).toThrow(/another borrower/);
  });
});
