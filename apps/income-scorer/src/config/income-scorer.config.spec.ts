import { TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import { loadIncomeScorerConfig } from './income-scorer.config';

const base = {
  CREDITCHEK_API_TOKEN: 'live_sk_0123456789abcdef',
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ledgerhook',
  READ_API_TOKENS: 'it:it-read-token-0123456789abcdef:read',
  ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
};

describe('income-scorer configuration', () => {
  it('validates the scoring thresholds at boot, naming the variable', () => {
    expect(loadIncomeScorerConfig(base).scoring.modelVersion).toMatch(/^income-v1\+[0-9a-f]{8}$/);
    expect(() => loadIncomeScorerConfig({ ...base, INCOME_SCORE_AFFORDABLE_DTI: '40%' })).toThrow(
      /INCOME_SCORE_AFFORDABLE_DTI/,
    );
  });

  it('needs READ_API_TOKENS and takes a consumer group id', () => {
    const { READ_API_TOKENS: _, ...withoutTokens } = base;
    expect(() => loadIncomeScorerConfig(withoutTokens)).toThrow(/READ_API_TOKENS/);
    expect(loadIncomeScorerConfig(base).groupId).toBe('income-scorer');
    expect(loadIncomeScorerConfig({ ...base, INCOME_SCORER_GROUP_ID: 'rebuild-2' }).groupId).toBe(
      'rebuild-2',
    );
    expect(() => loadIncomeScorerConfig({ ...base, INCOME_SCORER_GROUP_ID: 'a b' })).toThrow(
      /INCOME_SCORER_GROUP_ID/,
    );
  });
});
