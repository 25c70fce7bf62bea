import { parseConfig } from '@ledgerhook/platform';
import { z } from 'zod';

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .positive('must be positive')
    .default(fallback);

// CreditChek documents the base URL and the `token` header (../shared/providers.md); the request and
// answer of "get an existing insight" are assumptions, listed in the README, so the path is a variable.
const shape = {
  CREDITCHEK_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://api.creditchek.africa/v1' })
    .refine((url) => {
      // Runs after a failed URL check too (zod goes on collecting): that one has said enough.
      if (!URL.canParse(url)) return true;
      const parsed = new URL(url);
      return parsed.search === '' && parsed.hash === '';
    }, 'must have no query or fragment (the path of each call goes in CREDITCHEK_API_*_PATH)')
    .default('https://api.creditchek.africa/v1'),
  CREDITCHEK_API_TOKEN: z
    .string({ error: 'is required: the API token CreditChek issued (header `token`)' })
    .regex(/^[\x21-\x7e]{8,512}$/, 'must be the API token: 8 to 512 printable characters, no spaces'),
  CREDITCHEK_API_INSIGHT_PATH: z
    .string()
    .regex(/^\/[A-Za-z0-9/_.-]*$/, 'must be a path starting with /')
    .default('/income/api/process-income'),
  CREDITCHEK_API_CONNECT_TIMEOUT_MS: positiveInt(5_000),
  CREDITCHEK_API_TIMEOUT_MS: positiveInt(30_000),
  CREDITCHEK_API_CONCURRENCY: positiveInt(4),
  CREDITCHEK_API_RETRIES: z.coerce.number({ error: 'must be a number' }).int().min(0).max(10).default(3),
  CREDITCHEK_API_BREAKER_FAILURES: positiveInt(5),
  CREDITCHEK_API_BREAKER_HALF_OPEN_MS: positiveInt(30_000),
};

export interface CreditChekApiConfig {
  /** Without a trailing slash: paths are appended. */
  baseUrl: string;
  token: string;
  insightPath: string;
  connectTimeoutMs: number;
  timeoutMs: number;
  concurrency: number;
  retries: number;
  breaker: { failures: number; halfOpenAfterMs: number };
}

export function loadCreditChekApiConfig(
  service: string,
  env: Record<string, string | undefined> = process.env,
): CreditChekApiConfig {
  const parsed = parseConfig(service, shape, env);
  return {
    baseUrl: parsed.CREDITCHEK_API_URL.replace(/\/+$/, ''),
    token: parsed.CREDITCHEK_API_TOKEN,
    insightPath: parsed.CREDITCHEK_API_INSIGHT_PATH,
    connectTimeoutMs: parsed.CREDITCHEK_API_CONNECT_TIMEOUT_MS,
    timeoutMs: parsed.CREDITCHEK_API_TIMEOUT_MS,
    concurrency: parsed.CREDITCHEK_API_CONCURRENCY,
    retries: parsed.CREDITCHEK_API_RETRIES,
    breaker: {
      failures: parsed.CREDITCHEK_API_BREAKER_FAILURES,
      halfOpenAfterMs: parsed.CREDITCHEK_API_BREAKER_HALF_OPEN_MS,
    },
  };
}
