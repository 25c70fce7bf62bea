import { createHash } from 'node:crypto';
import type { IncomeScore, MoneyJson } from '@ledgerhook/contracts';
import type { AccountEntry } from './account-entry';
import {
  type BorrowerState,
  chronological,
  type InsightEntry,
  type TransactionsEntry,
} from './borrower-state';
import type { InsightInputs } from './insight-inputs';
import { scoreInsight } from './insight-scorer';
import { int, type Rational } from './rational';
import { displayValue } from './reasons';
import type { ScoringConfig } from './scoring.config';

// Which result a borrower's state stands for (docs/scoring.md, section 6), as the value published on
// lending.income-scores.v1. It depends on the state only, so a replay gives the same result and id.

const kobo = (value: Rational): MoneyJson => ({ currency: 'NGN', minor: displayValue(value) });

function resultIdOf(modelVersion: string, borrowerId: string, inputCeIds: readonly string[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([modelVersion, borrowerId, inputCeIds]))
    .digest('hex');
  return `score:${digest.slice(0, 32)}`;
}

/** The transactions compared with the insight: per account the latest event, plus any without account. */
function transactionsInUse(state: BorrowerState): [string, TransactionsEntry][] {
  const latestByAccount = new Map<string, [string, TransactionsEntry]>();
  const unattributed: [string, TransactionsEntry][] = [];
  for (const entry of chronological(state.transactions)) {
    if (entry[1].accountRef === undefined) unattributed.push(entry);
    else latestByAccount.set(entry[1].accountRef, entry);
  }
  return [...latestByAccount.values(), ...unattributed];
}

function reportedInputs(inputs: InsightInputs): Extract<IncomeScore, { status: 'scored' }>['inputs'] {
  const r = inputs.reported;
  return {
    averageMonthlyIncome: kobo(inputs.averageMonthlyIncome),
    averageMonthlyRecurringDebt: kobo(inputs.averageMonthlyRecurringDebt),
    ...(inputs.averageMonthlyBalance !== undefined
      ? { averageMonthlyBalance: kobo(inputs.averageMonthlyBalance) }
      : {}),
    activeMonths: inputs.activeMonths,
    ...(inputs.gambling !== undefined ? { gambling: kobo(inputs.gambling) } : {}),
    ...(inputs.negativeBalanceDays !== undefined ? { negativeBalanceDays: inputs.negativeBalanceDays } : {}),
    salaryCredits: inputs.salaryCredits,
    salaryTotal: kobo(inputs.salaryTotal),
    ...(r.providerAverageEdti !== undefined ? { providerAverageEdti: r.providerAverageEdti } : {}),
    ...(r.eligibleAmount !== undefined ? { eligibleAmount: kobo(r.eligibleAmount) } : {}),
    ...(r.totalReceived !== undefined ? { totalReceived: kobo(r.totalReceived) } : {}),
    ...(r.totalSpent !== undefined ? { totalSpent: kobo(r.totalSpent) } : {}),
    ...(r.recurringDebtSum !== undefined ? { recurringDebtSum: kobo(r.recurringDebtSum) } : {}),
  };
}

function common(
  state: BorrowerState,
  insight: InsightEntry,
  inputs: readonly [string, { time: string }][],
  config: ScoringConfig,
) {
  const inputCeIds = inputs.map(([ceId]) => ceId).sort();
  const asOf = inputs.reduce(
    (latest, [, e]) => (Date.parse(e.time) > Date.parse(latest) ? e.time : latest),
    inputs[0][1].time,
  );
  const accounts = insight.accountRefs
    .map((ref) => state.accounts[ref])
    .filter((a): a is AccountEntry => a !== undefined)
    .map((a) => ({ accountRef: a.accountRef, last4: a.last4 }));
  return {
    resultId: resultIdOf(config.modelVersion, state.borrowerId, inputCeIds),
    borrowerId: state.borrowerId,
    applicationIds: insight.appIds,
    accounts,
    ...(insight.insightId !== undefined ? { insightId: insight.insightId } : {}),
    modelVersion: config.modelVersion,
    asOf: new Date(Date.parse(asOf)).toISOString(),
    inputCeIds,
  };
}

/**
 * The borrower's current result: the latest successful insight scored (failures after it refer it),
 * else the latest failure as "no score", else undefined (nothing to score yet).
 */
export function borrowerResult(state: BorrowerState, config: ScoringConfig): IncomeScore | undefined {
  const outcomes = chronological(state.insights);
  const standingAt = outcomes.findLastIndex(([, entry]) => entry.outcome.ok);
  if (standingAt === -1) {
    const latest = outcomes.at(-1);
    if (latest === undefined) return undefined;
    const [, entry] = latest;
    if (entry.outcome.ok) return undefined;
    return {
      ...common(state, entry, [latest], config),
      status: 'no_score',
      reasons: [{ kind: 'no_score', code: entry.outcome.reason.code, detail: entry.outcome.reason.detail }],
    };
  }
  const standing = outcomes[standingAt];
  const [, insight] = standing;
  if (!insight.outcome.ok) return undefined;
  const laterFailures = outcomes.slice(standingAt + 1);
  const transactions = transactionsInUse(state);
  const scored = scoreInsight(
    insight.outcome.inputs,
    { transactions: transactions.map(([, t]) => t.summary), laterFailures: laterFailures.length },
    config,
  );
  const recomputation = scored.recomputation;
  return {
    ...common(state, insight, [standing, ...laterFailures, ...transactions], config),
    status: 'scored',
    score: scored.score,
    band: scored.band,
    decision: scored.decision,
    affordableMonthlyRepayment: kobo(int(scored.affordableMonthlyRepayment)),
    reasons: scored.reasons,
    inputs: reportedInputs(insight.outcome.inputs),
    ...(recomputation !== undefined
      ? {
          recomputation: {
            monthsSpanned: recomputation.monthsSpanned,
            averageMonthlyIncome: kobo(recomputation.averageMonthlyIncome),
            incomeDifference: kobo(recomputation.incomeDifference),
            gambling: kobo(recomputation.gambling),
            negativeBalanceDays: recomputation.negativeBalanceDays,
            transactions: recomputation.transactions,
          },
        }
      : {}),
  };
}
