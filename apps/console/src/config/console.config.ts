import { z } from 'zod';
import { loadDatabaseConfig, type DatabaseConfig } from '@ledgerhook/database';
import { loadKafkaConfig, type KafkaConfig } from '@ledgerhook/kafka';
import { booleanVariable, ConfigError, parseConfig, portVariable } from '@ledgerhook/platform';

export const CONSOLE = 'console';

export interface ConsoleConfig {
  port: number;
  kafka: KafkaConfig;
  database: DatabaseConfig;
  /** The operator created (role operator) at boot when no operator of that name exists yet. */
  bootstrapAdmin?: { username: string; password: string };
  /** The session cookie's Secure flag: on behind TLS, off for http://localhost. */
  cookieSecure: boolean;
  sessionTtlMs: number;
  /**
   * The read APIs the console shows, called with a service token of scope `read` (personal fields
   * come back masked); `piiToken` (read+pii:read) only for an operator's audited artifact download.
   */
  readApis: { lifecycle: string; reports: string; scores: string; token: string; piiToken?: string };
}

const url = z.url({ error: 'must be an http(s) URL' }).transform((value) => value.replace(/\/+$/, ''));

export function loadConsoleConfig(env: Record<string, string | undefined> = process.env): ConsoleConfig {
  const parsed = parseConfig(
    CONSOLE,
    {
      PORT: portVariable(3004),
      CONSOLE_ADMIN_USER: z
        .string()
        .regex(/^[a-z0-9._-]{1,64}$/, 'must be [a-z0-9._-], 1 to 64')
        .optional(),
      CONSOLE_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
      CONSOLE_COOKIE_SECURE: booleanVariable(true),
      CONSOLE_SESSION_HOURS: z.coerce
        .number({ error: 'must be a number' })
        .positive()
        .max(24 * 30)
        .default(8),
      LIFECYCLE_API_URL: url.default('http://127.0.0.1:3001'),
      REPORTS_API_URL: url.default('http://127.0.0.1:3002'),
      SCORES_API_URL: url.default('http://127.0.0.1:3003'),
      CONSOLE_READ_API_TOKEN: z.string({ error: 'is required (a read API token of scope read)' }).min(16),
      CONSOLE_PII_API_TOKEN: z.string().min(16).optional(),
    },
    env,
  );
  if ((parsed.CONSOLE_ADMIN_USER === undefined) !== (parsed.CONSOLE_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(CONSOLE, [
      { variable: 'CONSOLE_ADMIN_PASSWORD', message: 'is set with CONSOLE_ADMIN_USER or not at all' },
    ]);
  }
  return {
    port: parsed.PORT,
    kafka: loadKafkaConfig(CONSOLE, env),
    database: loadDatabaseConfig(CONSOLE, env),
    ...(parsed.CONSOLE_ADMIN_USER && parsed.CONSOLE_ADMIN_PASSWORD
      ? { bootstrapAdmin: { username: parsed.CONSOLE_ADMIN_USER, password: parsed.CONSOLE_ADMIN_PASSWORD } }
      : {}),
    cookieSecure: parsed.CONSOLE_COOKIE_SECURE,
    sessionTtlMs: parsed.CONSOLE_SESSION_HOURS * 3_600_000,
    readApis: {
      lifecycle: parsed.LIFECYCLE_API_URL,
      reports: parsed.REPORTS_API_URL,
      scores: parsed.SCORES_API_URL,
      token: parsed.CONSOLE_READ_API_TOKEN,
      ...(parsed.CONSOLE_PII_API_TOKEN ? { piiToken: parsed.CONSOLE_PII_API_TOKEN } : {}),
    },
  };
}
