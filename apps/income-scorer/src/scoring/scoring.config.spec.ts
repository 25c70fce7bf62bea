import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@ledgerhook/platform';
import { fromDecimal, int } from './rational';
import { loadScoringConfig } from './scoring.config';

function problems(env: Record<string, string>): string {
  try {
    loadScoringConfig('income-scorer', env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('scoring configuration', () => {
  const defaults = loadScoringConfig('income-scorer', {});

  it('defaults to the thresholds of docs/scoring.md and names them in modelVersion', () => {
    expect(defaults).toMatchObject({
      referenceIncome: int(100_000_000),
      maxDti: fromDecimal('0.6'),
      coverMonths: int(3),
      maxGamblingShare: fromDecimal('0.05'),
      maxNegativeDaysPerMonth: int(3),
      fullSalaryCredits: 6,
      fullHistoryMonths: 12,
      affordableDti: fromDecimal('0.4'),
      minRepayment: 1_000_000n,
      bands: [800, 650, 500, 350],
      approveFrom: 650,
      declineBelow: 350,
      mismatch: { income: fromDecimal('0.25'), negativeDays: 3, gamblingShare: fromDecimal('0.01') },
    });
    const doc = readFileSync(path.join(__dirname, '..', '..', '..', '..', 'docs', 'scoring.md'), 'utf8');
    expect(doc).toMatch(
      new RegExp(`With the\\s+defaults it is \`${defaults.modelVersion.replace('+', '\\+')}\``),
    );
  });

  it('changes modelVersion with a threshold, not with how it is written', () => {
    expect(loadScoringConfig('income-scorer', { INCOME_SCORE_MAX_DTI: '0.60' }).modelVersion).toBe(
      defaults.modelVersion,
    );
    expect(loadScoringConfig('income-scorer', { INCOME_SCORE_MAX_DTI: '0.5' }).modelVersion).not.toBe(
      defaults.modelVersion,
    );
  });

  it.each([
    ['INCOME_SCORE_MAX_DTI', '60%'],
    ['INCOME_SCORE_MAX_DTI', '1.5'],
    ['INCOME_SCORE_MAX_DTI', '0'],
    ['INCOME_SCORE_MIN_REPAYMENT_KOBO', '0'],
    ['INCOME_SCORE_MIN_REPAYMENT_KOBO', '10000.5'],
    ['INCOME_SCORE_FULL_SALARY_CREDITS', 'six'],
    ['INCOME_SCORE_BAND_THRESHOLDS', '800,650,500'],
    ['INCOME_SCORE_BAND_THRESHOLDS', '650,800,500,350'],
    ['INCOME_SCORE_APPROVE_FROM', '1001'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(problems({ [variable]: value })).toContain(variable);
  });

  it('refuses an approval threshold below the decline threshold', () => {
    expect(problems({ INCOME_SCORE_APPROVE_FROM: '300' })).toMatch(
      /INCOME_SCORE_APPROVE_FROM: must not be below/,
    );
  });
});
