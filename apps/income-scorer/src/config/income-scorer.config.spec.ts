import { loadIncomeScorerConfig } from './income-scorer.config';

const base = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ledgerhook',
  CREDITCHEK_API_TOKEN: 'live_sk_0123456789abcdef',
};

describe('income-scorer configuration', () => {
  it('validates the scoring thresholds at boot, naming the variable', () => {
    expect(loadIncomeScorerConfig(base).scoring.modelVersion).toMatch(/^income-v1\+[0-9a-f]{8}$/);
    expect(() => loadIncomeScorerConfig({ ...base, INCOME_SCORE_AFFORDABLE_DTI: '40%' })).toThrow(
      /INCOME_SCORE_AFFORDABLE_DTI/,
    );
  });

  it('reconciles by default, so a missing CreditChek token fails the boot naming it', () => {
    expect(loadIncomeScorerConfig(base).reconciliation?.afterMs).toBe(30 * 60_000);
    const { CREDITCHEK_API_TOKEN: _token, ...withoutToken } = base;
    expect(() => loadIncomeScorerConfig(withoutToken)).toThrow(/CREDITCHEK_API_TOKEN/);
    expect(loadIncomeScorerConfig({ ...withoutToken, CREDITCHEK_RECONCILE: 'false' }).reconciliation).toBe(
      undefined,
    );
  });
});
