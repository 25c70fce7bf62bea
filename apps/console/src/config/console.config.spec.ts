import { ConfigError } from '@ledgerhook/platform';
import { loadConsoleConfig } from './console.config';

const base = { CONSOLE_READ_API_TOKEN: 'a-read-token-of-24-chars', KAFKA_BROKERS: '127.0.0.1:9092' };

describe('loadConsoleConfig', () => {
  it('defaults to port 3004, Secure cookies, 8-hour sessions and the read APIs on their local ports', () => {
    const config = loadConsoleConfig(base);
    expect(config.port).toBe(3004);
    expect(config.cookieSecure).toBe(true);
    expect(config.sessionTtlMs).toBe(8 * 3_600_000);
    expect(config.readApis).toEqual({
      lifecycle: 'http://127.0.0.1:3001',
      reports: 'http://127.0.0.1:3002',
      scores: 'http://127.0.0.1:3003',
      token: base.CONSOLE_READ_API_TOKEN,
    });
    expect(config.bootstrapAdmin).toBeUndefined();
  });

  it('names CONSOLE_READ_API_TOKEN when it is missing', () => {
    expect(() => loadConsoleConfig({ KAFKA_BROKERS: '127.0.0.1:9092' })).toThrow(/CONSOLE_READ_API_TOKEN/);
  });

  it('takes the bootstrap operator as a pair, with a password of 12 characters or more', () => {
    expect(
      loadConsoleConfig({ ...base, CONSOLE_ADMIN_USER: 'ada', CONSOLE_ADMIN_PASSWORD: 'long-enough-pw' })
        .bootstrapAdmin,
    ).toEqual({ username: 'ada', password: 'long-enough-pw' });
    expect(() => loadConsoleConfig({ ...base, CONSOLE_ADMIN_USER: 'ada' })).toThrow(ConfigError);
    expect(() =>
      loadConsoleConfig({ ...base, CONSOLE_ADMIN_USER: 'ada', CONSOLE_ADMIN_PASSWORD: 'short' }),
    ).toThrow(/CONSOLE_ADMIN_PASSWORD/);
  });

  it('drops a trailing slash from the API URLs and refuses what is not a URL', () => {
    expect(
      loadConsoleConfig({ ...base, LIFECYCLE_API_URL: 'http://lifecycle:3001/' }).readApis.lifecycle,
    ).toBe('http://lifecycle:3001');
    expect(() => loadConsoleConfig({ ...base, SCORES_API_URL: 'scores' })).toThrow(/SCORES_API_URL/);
  });
});
