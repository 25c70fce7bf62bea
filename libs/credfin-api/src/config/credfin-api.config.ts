import { parseConfig } from '@ledgerhook/platform';
import { z } from 'zod';
import type { ArtifactKind } from '../client/artifact-kind';

const positiveInt = (fallback: number) =>
  z.coerce.number({ error: 'must be a number' }).int().positive().default(fallback);
const path = (fallback: string) =>
  z
    .string()
    .regex(
      /^\/[A-Za-z0-9/_.{}-]*$/,
      'must be a path starting with / (placeholders {application_id}, {analysis_id})',
    )
    .default(fallback);

// Only the bundle path is documented (seed 000; the public docs say /api/applications/{id}/bundle):
// every other default is an assumption, listed in the README, and each is a variable of its own.
const shape = {
  // An origin only: the signature covers the request's path, so any path lives in CREDFIN_API_*_PATH.
  CREDFIN_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://api.credfin.example' })
    .refine((url) => {
      // Runs after a failed URL check too (zod goes on collecting): that one has said enough.
      if (!URL.canParse(url)) return true;
      const parsed = new URL(url);
      return parsed.pathname === '/' && parsed.search === '' && parsed.hash === '';
    }, 'must be an origin without path or query (e.g. https://api.credfin.example): paths go in CREDFIN_API_*_PATH'),
  CREDFIN_API_TOKEN_ID: z.string().min(1, 'is required (the API token identifier)'),
  CREDFIN_API_TOKEN_SECRET: z.string().min(16, 'must be the token secret (at least 16 characters)'),
  CREDFIN_API_BUNDLE_PATH: path('/api/application/{application_id}/bundle'),
  CREDFIN_API_APPLICATION_REPORT_PATH: path('/api/application/{application_id}/report'),
  CREDFIN_API_ANALYSIS_REPORT_PATH: path('/api/analysis/{analysis_id}/report'),
  CREDFIN_API_ANALYSIS_PDF_PATH: path('/api/analysis/{analysis_id}/pdf'),
  CREDFIN_API_ANALYSIS_HTML_PATH: path('/api/analysis/{analysis_id}/html'),
  CREDFIN_API_SUMMARY_PDF_PATH: path('/api/application/{application_id}/summary/pdf'),
  CREDFIN_API_SUMMARY_HTML_PATH: path('/api/application/{application_id}/summary/html'),
  CREDFIN_API_CONNECT_TIMEOUT_MS: positiveInt(5_000),
  CREDFIN_API_TIMEOUT_MS: positiveInt(120_000),
  CREDFIN_API_CONCURRENCY: positiveInt(8),
  CREDFIN_API_RETRIES: z.coerce.number({ error: 'must be a number' }).int().min(0).max(10).default(4),
  CREDFIN_API_BREAKER_FAILURES: positiveInt(5),
  CREDFIN_API_BREAKER_HALF_OPEN_MS: positiveInt(15_000),
};

export interface CredfinApiConfig {
  baseUrl: string;
  token: { id: string; secret: string };
  paths: Record<ArtifactKind, string>;
  connectTimeoutMs: number;
  timeoutMs: number;
  concurrency: number;
  retries: number;
  breaker: { failures: number; halfOpenAfterMs: number };
}

export function loadCredfinApiConfig(
  service: string,
  env: Record<string, string | undefined> = process.env,
): CredfinApiConfig {
  const parsed = parseConfig(service, shape, env);
  return {
    baseUrl: parsed.CREDFIN_API_URL.replace(/\/+$/, ''),
    token: { id: parsed.CREDFIN_API_TOKEN_ID, secret: parsed.CREDFIN_API_TOKEN_SECRET },
    paths: {
      bundle: parsed.CREDFIN_API_BUNDLE_PATH,
      'application-report': parsed.CREDFIN_API_APPLICATION_REPORT_PATH,
      'analysis-report': parsed.CREDFIN_API_ANALYSIS_REPORT_PATH,
      'analysis-pdf': parsed.CREDFIN_API_ANALYSIS_PDF_PATH,
      'analysis-html': parsed.CREDFIN_API_ANALYSIS_HTML_PATH,
      'summary-pdf': parsed.CREDFIN_API_SUMMARY_PDF_PATH,
      'summary-html': parsed.CREDFIN_API_SUMMARY_HTML_PATH,
    },
    connectTimeoutMs: parsed.CREDFIN_API_CONNECT_TIMEOUT_MS,
    timeoutMs: parsed.CREDFIN_API_TIMEOUT_MS,
    concurrency: parsed.CREDFIN_API_CONCURRENCY,
    retries: parsed.CREDFIN_API_RETRIES,
    breaker: {
      failures: parsed.CREDFIN_API_BREAKER_FAILURES,
      halfOpenAfterMs: parsed.CREDFIN_API_BREAKER_HALF_OPEN_MS,
    },
  };
}
