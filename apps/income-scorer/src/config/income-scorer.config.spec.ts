import { TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import { loadIncomeScorerConfig } from './income-scorer.config';

const base = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ledgerhook',
  ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
};

describe('income-scorer configuration', () => {
  it('validates the scoring thresholds at boot, naming the variable', () => {
    expect(loadIncomeScorerConfig(base).scoring.modelVersion).toMatch(/^income-v1\+[0-9a-f]{8}$/);
    expect(() => loadIncomeScorerConfig({ ...base, INCOME_SCORE_AFFORDABLE_DTI: '40%' })).toThrow(
      /INCOME_SCORE_AFFORDABLE_DTI/,
    );
  });
});
