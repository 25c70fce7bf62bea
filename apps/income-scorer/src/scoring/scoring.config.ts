import { ConfigError, parseConfig } from '@ledgerhook/platform';
import { z } from 'zod';
import { modelVersionOf } from './model-version';
import { compare, fromDecimal, int, ONE, type Rational, ZERO } from './rational';

// The model's thresholds (docs/scoring.md, sections 3 to 5), one environment variable each, with the
// documented defaults. Weights are not here: they are the formula (model-version.ts).

const DECIMAL = /^\d+(\.\d+)?$/;

/** A non-negative decimal ("0.6") as an exact fraction, within (low, high]. */
const ratio = (fallback: string, low: Rational, high: Rational, range: string) =>
  z
    .string()
    .regex(DECIMAL, `must be a decimal number ${range}`)
    .default(fallback)
    .transform((text) => fromDecimal(text))
    .refine((value) => compare(value, low) > 0 && compare(value, high) <= 0, `must be ${range}`);

const wholeNumber = (fallback: number, minimum: number, maximum: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(minimum, `must be between ${minimum} and ${maximum}`)
    .max(maximum, `must be between ${minimum} and ${maximum}`)
    .default(fallback);

const kobo = (fallback: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,17}$/, 'must be a positive whole number of kobo')
    .default(fallback)
    .transform((text) => BigInt(text));

const BAND_THRESHOLDS = z
  .string()
  .default('800,650,500,350')
  .transform((text) => text.split(',').map((item) => item.trim()))
  .refine(
    (items) => items.length === 4 && items.every((item) => /^\d{1,4}$/.test(item)),
    'must be four whole numbers, the lower bounds of bands A, B, C and D (e.g. 800,650,500,350)',
  )
  .transform((items) => items.map(Number))
  .refine(
    (bounds) => bounds.every((bound, i) => bound <= 1000 && (i === 0 || bound < bounds[i - 1])),
    'must be strictly decreasing and at most 1000 (A, B, C, D)',
  );

const shape = {
  INCOME_SCORE_REFERENCE_INCOME_KOBO: kobo('100000000'),
  INCOME_SCORE_MAX_DTI: ratio('0.6', ZERO, ONE, 'in (0, 1]'),
  INCOME_SCORE_BALANCE_COVER_MONTHS: ratio('3', ZERO, int(120), 'in (0, 120]'),
  INCOME_SCORE_MAX_GAMBLING_SHARE: ratio('0.05', ZERO, ONE, 'in (0, 1]'),
  INCOME_SCORE_MAX_NEGATIVE_DAYS_PER_MONTH: ratio('3', ZERO, int(31), 'in (0, 31]'),
  INCOME_SCORE_FULL_SALARY_CREDITS: wholeNumber(6, 1, 120),
  INCOME_SCORE_FULL_HISTORY_MONTHS: wholeNumber(12, 1, 120),
  INCOME_SCORE_AFFORDABLE_DTI: ratio('0.4', ZERO, ONE, 'in (0, 1]'),
  INCOME_SCORE_MIN_REPAYMENT_KOBO: kobo('1000000'),
  INCOME_SCORE_BAND_THRESHOLDS: BAND_THRESHOLDS,
  INCOME_SCORE_APPROVE_FROM: wholeNumber(650, 0, 1000),
  INCOME_SCORE_DECLINE_BELOW: wholeNumber(350, 0, 1000),
  INCOME_SCORE_INCOME_MISMATCH: ratio('0.25', ZERO, int(100), 'in (0, 100]'),
  INCOME_SCORE_NEGATIVE_DAYS_MISMATCH: wholeNumber(3, 0, 366),
  INCOME_SCORE_GAMBLING_MISMATCH: ratio('0.01', ZERO, ONE, 'in (0, 1]'),
};

export interface ScoringConfig {
  /** Income, kobo a month, that earns the full income points. */
  referenceIncome: Rational;
  /** Debt-to-income ratio at which the debt points reach 0. */
  maxDti: Rational;
  /** Months of obligations the average balance must cover for the full balance points. */
  coverMonths: Rational;
  /** Monthly gambling as a share of monthly income at which the gambling points reach 0. */
  maxGamblingShare: Rational;
  /** Negative-balance days a month at which those points reach 0. */
  maxNegativeDaysPerMonth: Rational;
  fullSalaryCredits: number;
  fullHistoryMonths: number;
  /** Share of income that existing debt plus the new repayment may take. */
  affordableDti: Rational;
  /** Smallest monthly repayment worth lending for, kobo. */
  minRepayment: bigint;
  /** Lower bounds of bands A, B, C, D. */
  bands: readonly [number, number, number, number];
  approveFrom: number;
  declineBelow: number;
  mismatch: { income: Rational; negativeDays: number; gamblingShare: Rational };
  modelVersion: string;
}

const fraction = (value: Rational): string => `${value.n}/${value.d}`;

export function loadScoringConfig(
  service: string,
  env: Record<string, string | undefined> = process.env,
): ScoringConfig {
  const p = parseConfig(service, shape, env);
  if (p.INCOME_SCORE_APPROVE_FROM < p.INCOME_SCORE_DECLINE_BELOW) {
    throw new ConfigError(service, [
      {
        variable: 'INCOME_SCORE_APPROVE_FROM',
        message: `must not be below INCOME_SCORE_DECLINE_BELOW (${p.INCOME_SCORE_DECLINE_BELOW})`,
      },
    ]);
  }
  const bands = p.INCOME_SCORE_BAND_THRESHOLDS as [number, number, number, number];
  const thresholds = {
    referenceIncome: fraction(int(p.INCOME_SCORE_REFERENCE_INCOME_KOBO)),
    maxDti: fraction(p.INCOME_SCORE_MAX_DTI),
    coverMonths: fraction(p.INCOME_SCORE_BALANCE_COVER_MONTHS),
    maxGamblingShare: fraction(p.INCOME_SCORE_MAX_GAMBLING_SHARE),
    maxNegativeDaysPerMonth: fraction(p.INCOME_SCORE_MAX_NEGATIVE_DAYS_PER_MONTH),
    fullSalaryCredits: String(p.INCOME_SCORE_FULL_SALARY_CREDITS),
    fullHistoryMonths: String(p.INCOME_SCORE_FULL_HISTORY_MONTHS),
    affordableDti: fraction(p.INCOME_SCORE_AFFORDABLE_DTI),
    minRepayment: String(p.INCOME_SCORE_MIN_REPAYMENT_KOBO),
    bands: bands.join(','),
    approveFrom: String(p.INCOME_SCORE_APPROVE_FROM),
    declineBelow: String(p.INCOME_SCORE_DECLINE_BELOW),
    incomeMismatch: fraction(p.INCOME_SCORE_INCOME_MISMATCH),
    negativeDaysMismatch: String(p.INCOME_SCORE_NEGATIVE_DAYS_MISMATCH),
    gamblingMismatch: fraction(p.INCOME_SCORE_GAMBLING_MISMATCH),
  };
  return {
    referenceIncome: int(p.INCOME_SCORE_REFERENCE_INCOME_KOBO),
    maxDti: p.INCOME_SCORE_MAX_DTI,
    coverMonths: p.INCOME_SCORE_BALANCE_COVER_MONTHS,
    maxGamblingShare: p.INCOME_SCORE_MAX_GAMBLING_SHARE,
    maxNegativeDaysPerMonth: p.INCOME_SCORE_MAX_NEGATIVE_DAYS_PER_MONTH,
    fullSalaryCredits: p.INCOME_SCORE_FULL_SALARY_CREDITS,
    fullHistoryMonths: p.INCOME_SCORE_FULL_HISTORY_MONTHS,
    affordableDti: p.INCOME_SCORE_AFFORDABLE_DTI,
    minRepayment: p.INCOME_SCORE_MIN_REPAYMENT_KOBO,
    bands,
    approveFrom: p.INCOME_SCORE_APPROVE_FROM,
    declineBelow: p.INCOME_SCORE_DECLINE_BELOW,
    mismatch: {
      income: p.INCOME_SCORE_INCOME_MISMATCH,
      negativeDays: p.INCOME_SCORE_NEGATIVE_DAYS_MISMATCH,
      gamblingShare: p.INCOME_SCORE_GAMBLING_MISMATCH,
    },
    modelVersion: modelVersionOf(thresholds),
  };
}
