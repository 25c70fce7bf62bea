import { TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
// Generated CreditChek records for bench/scoring: seed 001's flat income_insight with its figures
// varied per insight (income, debt, balance, gambling, negative-balance days, salary credits), every
// other one in the `data.id` + `data.record` form, and one in 20 an income_insight_failure. 40,000
// borrowers: past that, borrowers get a second insight that supersedes their first result.
import { buildCloudEventHeaders, identifyProviderEvent, TOPICS } from '@ledgerhook/contracts';
import { cloneBody } from '@ledgerhook/contracts/testing';

export interface RawRecord {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

const BASE = Date.parse('2026-01-01T00:00:00Z');
const BORROWERS = 40_000;
export const SCORING_TOPIC = TOPICS.creditchekRaw;

/** A deterministic pseudo-random integer in [0, n) for insight i and figure k. */
const pick = (i: number, k: number, n: number) => ((i * 2_654_435_761 + k * 40_503) >>> 0) % n;

function record(body: Record<string, unknown>, receivedAt: number): RawRecord {
  const value = Buffer.from(JSON.stringify(body));
  const identity = identifyProviderEvent('creditchek', body, value, TEST_ACCOUNT_REFS);
  if ('error' in identity) throw new Error(identity.error);
  return {
    key: identity.partitionKey,
    value,
    headers: buildCloudEventHeaders({
      source: 'creditchek',
      eventName: identity.eventName,
      subject: identity.subject,
      dedupKey: identity.dedupKey,
      receivedAt: new Date(receivedAt),
    }),
  };
}

/** The parts of seed 001's insight that are varied. */
type SeedInsight = {
  event: string;
  data: Record<string, unknown> & {
    edti: Record<string, unknown> & {
      spendingAnalysis: { gambling: number[] };
      creditBreakdown: { creditSecondHalf1: { negBalDays: string } };
      salary: { amount: number[]; narration: string[] };
    };
  };
};

function insight(i: number, borrowerId: string): Record<string, unknown> {
  const body = cloneBody('creditchek', 'income_insight.flat.json') as unknown as SeedInsight;
  const data = body.data;
  const income = 5_000_000 + pick(i, 1, 200_000_000);
  data.borrowerId = borrowerId;
  data._id = `bench-insight-${i}`;
  data.avgMonthlyIncome = `${income}.${pick(i, 2, 10)}`;
  data.edti.average_monthly_recurring_debt_expenses = String(pick(i, 3, Math.floor(income * 0.8)));
  data.edti.average_monthly_balance = String(pick(i, 4, 300_000_000) - 20_000_000);
  data.edti.spendingAnalysis.gambling = [pick(i, 5, 4) === 0 ? pick(i, 6, 5_000_000) : 0];
  data.edti.creditBreakdown.creditSecondHalf1.negBalDays = String(pick(i, 7, 3) === 0 ? pick(i, 8, 60) : 0);
  data.edti.salary.amount = data.edti.salary.amount.slice(0, pick(i, 9, 7));
  data.edti.salary.narration = data.edti.salary.narration.slice(0, data.edti.salary.amount.length);
  if (i % 2 === 0) return body;
  const { success, ...rest } = data;
  return { event: body.event, data: { id: data._id, record: rest, success } };
}

/** `count` records in batches of 1,000, in the order they are produced. */
export function* syntheticInsights(count: number): Generator<RawRecord[]> {
  let batch: RawRecord[] = [];
  for (let i = 0; i < count; i++) {
    const borrowerId = `bench-borrower-${i % BORROWERS}`;
    const body =
      i % 20 === 19
        ? {
            event: 'income_insight_failure',
            data: { borrowerId, appId: `bench-app-${i}`, message: 'Unable to analyse statement' },
          }
        : insight(i, borrowerId);
    batch.push(record(body, BASE + i * 1_000));
    if (batch.length === 1_000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
