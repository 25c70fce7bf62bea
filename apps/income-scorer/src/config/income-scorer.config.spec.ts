import { loadIncomeScorerConfig } from './income-scorer.config';

const base = {
  CREDITCHEK_API_TOKEN: 'live_sk_0123456789abcdef',
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ledgerhook',
};

describe('income-scorer configuration', () => {
  it('validates the scoring thresholds at boot, naming the variable', () => {
    expect(loadIncomeScorerConfig(base).scoring.modelVersion).toMatch(/^income-v1\+[0-9a-f]{8}$/);
    expect(() => loadIncomeScorerConfig({ ...base, INCOME_SCORE_AFFORDABLE_DTI: '40%' })).toThrow(
      /INCOME_SCORE_AFFORDABLE_DTI/,
    );
  });
});
