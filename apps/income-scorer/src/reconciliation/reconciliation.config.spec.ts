import { TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import { ConfigError } from '@ledgerhook/platform';
import { loadIncomeScorerConfig } from '../config/income-scorer.config';
import { loadReconciliationConfig } from './reconciliation.config';

// With the platform's account-reference key, which the reconciler's records are keyed with.
const TOKEN = { CREDITCHEK_API_TOKEN: 'live_sk_0123456789abcdef', ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY };
const load = (env: Record<string, string>) => loadReconciliationConfig('income-scorer', { ...TOKEN, ...env });

describe('loadReconciliationConfig', () => {
  it('defaults to 30 minutes after the upload, every minute, 50 borrowers a run', () => {
    expect(load({})).toMatchObject({ afterMs: 1_800_000, intervalMs: 60_000, batchSize: 50 });
    expect(load({})?.creditchekApi.baseUrl).toBe('https://api.creditchek.africa/v1');
  });

  it.each([
    ['90s', 90_000],
    ['2h', 7_200_000],
    ['1500ms', 1_500],
    [' 45m ', 2_700_000],
  ])('reads CREDITCHEK_RECONCILE_AFTER=%j', (text, ms) => {
    expect(load({ CREDITCHEK_RECONCILE_AFTER: text })?.afterMs).toBe(ms);
  });

  it.each(['30', '30 min', '-5m', '0s', '8d', '500ms', '9999h'])(
    'refuses CREDITCHEK_RECONCILE_AFTER=%j at boot, naming it',
    (text) => {
      const error = (() => {
        try {
          load({ CREDITCHEK_RECONCILE_AFTER: text });
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/CREDITCHEK_RECONCILE_AFTER/);
    },
  );

  it('is off, needing no token, with CREDITCHEK_RECONCILE=false', () => {
    expect(loadReconciliationConfig('income-scorer', { CREDITCHEK_RECONCILE: 'false' })).toBeUndefined();
    expect(() =>
      loadReconciliationConfig('income-scorer', { ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY }),
    ).toThrow(/CREDITCHEK_API_TOKEN/);
  });

  it('is part of the income-scorer configuration: on by default, a missing token fails the boot', () => {
    const env = {
      KAFKA_BROKERS: '127.0.0.1:9092',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ledgerhook',
      READ_API_TOKENS: 'it:it-read-token-0123456789abcdef:read',
      ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
    };
    expect(loadIncomeScorerConfig({ ...env, ...TOKEN }).reconciliation?.afterMs).toBe(30 * 60_000);
    expect(() => loadIncomeScorerConfig(env)).toThrow(/CREDITCHEK_API_TOKEN/);
    expect(loadIncomeScorerConfig({ ...env, CREDITCHEK_RECONCILE: 'false' }).reconciliation).toBeUndefined();
  });
});
