import { type CreditChekInsight, type Money, MoneyFormatError, parseAmount } from '@ledgerhook/contracts';
import { add, compare, div, fromMoney, int, type Rational, ZERO } from './rational';

// What the model reads from one income_insight (docs/scoring.md, section 2). Every figure is an exact
// fraction of kobo or a count; salary narrations, names and account numbers are never read.

export interface InsightInputs {
  /** I: average monthly income, kobo. */
  averageMonthlyIncome: Rational;
  /** N: active months, >= 1. */
  activeMonths: number;
  /** D: average monthly recurring debt expenses, kobo. */
  averageMonthlyRecurringDebt: Rational;
  /** B: average monthly balance, kobo (may be negative). */
  averageMonthlyBalance?: Rational;
  /** G: gambling over the statement, kobo. */
  gambling?: Rational;
  /** n: days with a negative balance over the statement. */
  negativeBalanceDays?: number;
  /** s: salary credits (positive amounts). */
  salaryCredits: number;
  salaryTotal: Rational;
  /** Reported with the result, not scored. */
  reported: {
    providerAverageEdti?: string;
    eligibleAmount?: Rational;
    totalReceived?: Rational;
    totalSpent?: Rational;
    recurringDebtSum?: Rational;
  };
}

export type InsightInputsResult =
  | { ok: true; inputs: InsightInputs }
  | { ok: false; code: 'missing_figures' | 'unparseable_figures'; detail: string[] };

type Loose = Record<string, unknown>;

function isRecord(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isAbsent = (value: unknown) =>
  value === undefined || value === null || value === '' || value === 'null';

/** Reads the loose (untyped) parts of an insight, collecting the paths of what does not parse. */
class FigureReader {
  readonly unparseable: string[] = [];

  constructor(private readonly prefix: string) {}

  /** A kobo amount (number or decimal text), or undefined when absent or malformed (path noted). */
  kobo(value: unknown, path: string, { negativeAllowed = false } = {}): Rational | undefined {
    let money: Money | undefined;
    try {
      money = parseAmount(value, 'NGN', 'minor');
    } catch (error) {
      if (!(error instanceof MoneyFormatError)) throw error;
      this.unparseable.push(this.path(path));
      return undefined;
    }
    if (money === undefined) return undefined;
    const amount = fromMoney(money);
    if (!negativeAllowed && amount.n < 0n) {
      this.unparseable.push(this.path(path));
      return undefined;
    }
    return amount;
  }

  /** A whole, non-negative count ("13", 13), or undefined when absent or malformed (path noted). */
  count(value: unknown, path: string): number | undefined {
    if (isAbsent(value)) return undefined;
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string' || !/^\d{1,6}(\.0+)?$/.test(text)) {
      this.unparseable.push(this.path(path));
      return undefined;
    }
    return Number.parseInt(text, 10);
  }

  /** The sum of a list's or a month map's kobo values; undefined when it is neither. */
  sum(container: unknown, path: string): Rational | undefined {
    const entries = Array.isArray(container)
      ? container.map((value, i) => [String(i), value] as const)
      : isRecord(container)
        ? Object.entries(container)
        : undefined;
    if (entries === undefined) {
      if (!isAbsent(container)) this.unparseable.push(this.path(path));
      return undefined;
    }
    return entries.reduce<Rational>(
      (total, [key, value]) => add(total, this.kobo(value, `${path}.${key}`) ?? ZERO),
      ZERO,
    );
  }

  private path(path: string): string {
    return `${this.prefix}${path}`;
  }
}

/** n: `edti.negBalDays`, else the largest `negBalDays` found inside `edti.creditBreakdown.*`. */
function negativeBalanceDays(edti: Loose, read: FigureReader): number | undefined {
  const direct = read.count(edti.negBalDays, 'edti.negBalDays');
  if (direct !== undefined) return direct;
  const breakdown = edti.creditBreakdown;
  if (!isRecord(breakdown)) return undefined;
  let largest: number | undefined;
  for (const [key, part] of Object.entries(breakdown)) {
    if (!isRecord(part) || part.negBalDays === undefined) continue;
    const days = read.count(part.negBalDays, `edti.creditBreakdown.${key}.negBalDays`);
    if (days !== undefined) largest = Math.max(largest ?? 0, days);
  }
  return largest;
}

function gambling(edti: Loose, read: FigureReader): Rational | undefined {
  const analysis = edti.spendingAnalysis;
  if (isRecord(analysis) && !isAbsent(analysis.gambling))
    return read.sum(analysis.gambling, 'edti.spendingAnalysis.gambling');
  if (!isAbsent(edti.gambling)) return read.sum(edti.gambling, 'edti.gambling');
  return undefined;
}

function salary(edti: Loose, read: FigureReader): { credits: number; total: Rational } {
  const amounts = isRecord(edti.salary) ? edti.salary.amount : undefined;
  if (!Array.isArray(amounts)) {
    if (!isAbsent(amounts)) read.kobo(amounts, 'edti.salary.amount');
    return { credits: 0, total: ZERO };
  }
  let credits = 0;
  let total = ZERO;
  amounts.forEach((value, i) => {
    const amount = read.kobo(value, `edti.salary.amount.${i}`);
    if (amount !== undefined && amount.n > 0n) {
      credits += 1;
      total = add(total, amount);
    }
  });
  return { credits, total };
}

const money = (value: Money | undefined): Rational | undefined =>
  value === undefined ? undefined : fromMoney(value);

/**
 * The model's inputs from an insight already checked by the contract (`creditchekInsightOf`), whatever
 * its form. `pathPrefix` is where the insight sits in the webhook body (`data.` or `data.record.`), so
 * that a "no score" names the field as sent.
 */
export function insightInputs(insight: CreditChekInsight, pathPrefix: string): InsightInputsResult {
  const edti: Loose = insight.edti ?? {};
  const read = new FigureReader(pathPrefix);

  const income =
    money(insight.avgMonthlyIncome) ??
    money(insight.edti?.average_monthly_income) ??
    money(insight.edti?.averageMonthlyIncome);

  const monthsInBalance = isRecord(edti.balance) ? Object.keys(edti.balance).length : 0;
  const activeMonths =
    read.count(insight.edti?.number_of_active_months, 'edti.number_of_active_months') ??
    (monthsInBalance > 0 ? monthsInBalance : undefined);

  const debtSum = money(insight.edti?.recurrent_debt_sum);
  const monthlyDebtMap = read.sum(edti.recurrent_expenses_debt, 'edti.recurrent_expenses_debt');
  const perMonth = (total: Rational | undefined) =>
    total !== undefined && activeMonths !== undefined && activeMonths > 0
      ? div(total, int(activeMonths))
      : undefined;
  const debt =
    money(insight.edti?.average_monthly_recurring_debt_expenses) ??
    perMonth(debtSum) ??
    perMonth(monthlyDebtMap);

  const balance = money(insight.edti?.average_monthly_balance);
  const gambled = gambling(edti, read);
  const negativeDays = negativeBalanceDays(edti, read);
  const salaries = salary(edti, read);

  // The contract accepts negative amounts (balances can be); income and debt cannot.
  for (const [figure, value] of [
    ['avgMonthlyIncome', income],
    ['edti.average_monthly_recurring_debt_expenses', debt],
  ] as const) {
    if (value !== undefined && compare(value, ZERO) < 0) read.unparseable.push(`${pathPrefix}${figure}`);
  }
  if (read.unparseable.length > 0)
    return { ok: false, code: 'unparseable_figures', detail: [...new Set(read.unparseable)] };

  const missing = [
    ...(income === undefined ? ['averageMonthlyIncome'] : []),
    ...(activeMonths === undefined || activeMonths < 1 ? ['activeMonths'] : []),
    ...(debt === undefined ? ['averageMonthlyRecurringDebt'] : []),
  ];
  if (missing.length > 0 || income === undefined || debt === undefined || activeMonths === undefined)
    return { ok: false, code: 'missing_figures', detail: missing };

  return {
    ok: true,
    inputs: {
      averageMonthlyIncome: income,
      activeMonths,
      averageMonthlyRecurringDebt: debt,
      ...(balance !== undefined ? { averageMonthlyBalance: balance } : {}),
      ...(gambled !== undefined ? { gambling: gambled } : {}),
      ...(negativeDays !== undefined ? { negativeBalanceDays: negativeDays } : {}),
      salaryCredits: salaries.credits,
      salaryTotal: salaries.total,
      reported: {
        ...(insight.edti?.average_monthly_edti !== undefined
          ? { providerAverageEdti: insight.edti.average_monthly_edti }
          : {}),
        ...optional('eligibleAmount', money(insight.eligibleAmount) ?? money(insight.edti?.eligibleAmount)),
        ...optional(
          'totalReceived',
          money(insight.totalmoneyReceive) ?? money(insight.edti?.totalMoneyReceive),
        ),
        ...optional('totalSpent', money(insight.totalmoneySpents) ?? money(insight.edti?.totalMoneySpent)),
        ...optional('recurringDebtSum', debtSum),
      },
    },
  };
}

function optional<K extends string>(key: K, value: Rational | undefined): Partial<Record<K, Rational>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, Rational>);
}
