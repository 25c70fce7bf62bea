import type { CreditChekIncomeTransactionData } from '@ledgerhook/contracts';
import { add, fromMoney, type Rational, ZERO } from './rational';

// One income_transaction reduced to what the recomputation needs (docs/scoring.md, section 5): sums by
// month and the dates of negative balances. Narrations are read once, for the gambling pattern, and not
// kept: they carry names.

export interface TransactionSummary {
  /** Credits by calendar month (UTC), "YYYY-MM" -> kobo. */
  creditsByMonth: Readonly<Record<string, Rational>>;
  /** Months (UTC) of the first and last dated transaction, "YYYY-MM"; absent when none is dated. */
  firstMonth?: string;
  lastMonth?: string;
  /** Debits whose narration names a gambling operator, kobo. */
  gamblingDebits: Rational;
  /** Dates (UTC, "YYYY-MM-DD") on which a balance after a transaction was below zero, sorted. */
  negativeBalanceDates: readonly string[];
  transactions: number;
  /** Transactions without a usable date: not in the monthly figures. */
  undated: number;
}

/** Whole words, any case: operators common in Nigeria and the generic words. */
export const GAMBLING_NARRATION =
  /\b(bet|betting|bet9ja|sportybet|nairabet|1xbet|betking|merrybet|msport|betway|bangbet|casino|lotto|lottery)\b/i;

function utcDay(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : undefined;
}

export function summariseTransactions(data: CreditChekIncomeTransactionData): TransactionSummary {
  const creditsByMonth: Record<string, Rational> = {};
  const negative = new Set<string>();
  let gamblingDebits = ZERO;
  let firstMonth: string | undefined;
  let lastMonth: string | undefined;
  let undated = 0;
  for (const transaction of data.trans) {
    const day = utcDay(transaction.date);
    if (day === undefined) {
      undated += 1;
      continue;
    }
    const month = day.slice(0, 7);
    if (firstMonth === undefined || month < firstMonth) firstMonth = month;
    if (lastMonth === undefined || month > lastMonth) lastMonth = month;
    const amount = transaction.amount === undefined ? ZERO : fromMoney(transaction.amount);
    if (transaction.type === 'credit') creditsByMonth[month] = add(creditsByMonth[month] ?? ZERO, amount);
    else if (GAMBLING_NARRATION.test(transaction.narration ?? ''))
      gamblingDebits = add(gamblingDebits, amount);
    if (transaction.balance !== undefined && transaction.balance.minor < 0n) negative.add(day);
  }
  return {
    creditsByMonth,
    ...(firstMonth !== undefined && lastMonth !== undefined ? { firstMonth, lastMonth } : {}),
    gamblingDebits,
    negativeBalanceDates: [...negative].sort(),
    transactions: data.trans.length,
    undated,
  };
}
