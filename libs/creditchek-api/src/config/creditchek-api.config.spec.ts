import { ConfigError } from '@ledgerhook/platform';
import { loadCreditChekApiConfig } from './creditchek-api.config';

const TOKEN = 'live_sk_0123456789abcdef';

function problems(env: Record<string, string>): string {
  try {
    loadCreditChekApiConfig('income-scorer', env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadCreditChekApiConfig', () => {
  it('defaults to the documented base URL and the assumed insight path', () => {
    expect(loadCreditChekApiConfig('income-scorer', { CREDITCHEK_API_TOKEN: TOKEN })).toEqual({
      baseUrl: 'https://api.creditchek.africa/v1',
      token: TOKEN,
      insightPath: '/income/api/process-income',
      connectTimeoutMs: 5000,
      timeoutMs: 30000,
      concurrency: 4,
      retries: 3,
      breaker: { failures: 5, halfOpenAfterMs: 30000 },
    });
  });

  it('requires the token and never quotes it', () => {
    expect(problems({})).toMatch(/CREDITCHEK_API_TOKEN: is required/);
    const message = problems({ CREDITCHEK_API_TOKEN: 'has a space inside it' });
    expect(message).toMatch(/CREDITCHEK_API_TOKEN/);
    expect(message).not.toContain('has a space');
  });

  it.each([
    ['CREDITCHEK_API_URL', 'ftp://api.creditchek.africa'],
    ['CREDITCHEK_API_URL', 'https://api.creditchek.africa/v1?x=1'],
    ['CREDITCHEK_API_INSIGHT_PATH', 'income/api/process-income'],
    ['CREDITCHEK_API_TIMEOUT_MS', '0'],
    ['CREDITCHEK_API_RETRIES', '11'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(problems({ CREDITCHEK_API_TOKEN: TOKEN, [variable]: value })).toContain(variable);
  });
});
