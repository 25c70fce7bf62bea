import { z } from 'zod';
import { type AccountRefs, accountRefKeyVariable } from '@ledgerhook/contracts';
import { ConfigError, csvVariable, parseConfig, portVariable } from '@ledgerhook/platform';
import { loadKafkaConfig, type KafkaConfig } from '@ledgerhook/kafka';
import { RAW_MAX_BODY_BYTES } from '@ledgerhook/contracts';
import {
  genericSourcesSchema,
  readGenericSourcesText,
  type GenericSourceConfig,
} from '../sources/generic-sources.config';
import type { BasicCredential } from '../verification/basic-auth.verifier';
import { parseAddressList } from '../verification/client-address';

const requiredList = (what: string) =>
  csvVariable().pipe(z.array(z.string()).min(1, `must list at least one ${what}`));
const positiveInt = (fallback: number) =>
  z.coerce.number({ error: 'must be a number' }).int().positive().default(fallback);

/** Addresses and CIDR ranges, checked at boot so that a typo fails closed and names its variable. */
const addressList = () =>
  csvVariable().superRefine((entries, context) => {
    try {
      parseAddressList(entries);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

const ingressShape = {
  PORT: portVariable(3000),
  ACCOUNT_REF_KEY: accountRefKeyVariable(),
  CREDFIN_WEBHOOK_USERNAME: requiredList('username'),
  CREDFIN_WEBHOOK_PASSWORD: requiredList('password'),
  CREDITCHEK_WEBHOOK_SECRETS: requiredList('secret'),
  BRIDGE_WEBHOOK_SECRETS: requiredList('secret').pipe(
    z.array(z.string()).max(2, 'Bridge keeps at most 2 secrets active'),
  ),
  BRIDGE_ALLOWED_IPS: addressList().optional(),
  TRUSTED_PROXIES: addressList().optional(),
  // A verified body the raw topics cannot store would be lost: the limit follows the catalogue's.
  WEBHOOK_MAX_BODY_BYTES: positiveInt(RAW_MAX_BODY_BYTES).refine(
    (bytes) => bytes <= RAW_MAX_BODY_BYTES,
    `must be at most ${RAW_MAX_BODY_BYTES} bytes: the raw topics' max.message.bytes (libs/contracts) keeps that much room for a body`,
  ),
  WEBHOOK_SOURCES: z.string().optional(),
  WEBHOOK_RATE_LIMIT_PER_SECOND: positiveInt(5_000),
  WEBHOOK_RATE_LIMITS: csvVariable().optional(),
  WEBHOOK_FAILURES_PER_ADDRESS_PER_SECOND: positiveInt(1),
  WEBHOOK_FAILURES_PER_SECOND: positiveInt(50),
  WEBHOOK_MAX_UNVERIFIED_READS: positiveInt(64),
  WEBHOOK_MAX_UNVERIFIED_BYTES: positiveInt(64 * 1024 * 1024),
  WEBHOOK_REQUEST_TIMEOUT_MS: positiveInt(15_000),
  PUBLISH_TIMEOUT_MS: positiveInt(5_000),
  PUBLISH_MAX_IN_FLIGHT: positiveInt(10_000),
  PUBLISH_MAX_IN_FLIGHT_BYTES: positiveInt(256 * 1024 * 1024),
  PUBLISH_BATCH_MAX_RECORDS: positiveInt(500),
  PUBLISH_LANES: z.coerce.number({ error: 'must be a number' }).int().min(1).max(16).default(2),
  PUBLISH_LINGER_MS: z.coerce.number({ error: 'must be a number' }).int().min(0).default(1),
  SHUTDOWN_GRACE_MS: positiveInt(20_000),
  SHUTDOWN_DELAY_MS: z.coerce.number({ error: 'must be a number' }).int().min(0).default(5_000),
  // Single-shot providers: a 503 is a lost event, so what Kafka cannot take in time is spooled.
  // `none` turns the spool off (an empty value means the default, as for every variable).
  SPOOL_SOURCES: csvVariable()
    .transform((names) => (names.length === 1 && names[0] === 'none' ? [] : names))
    .default(['creditchek']),
  SPOOL_DIR: z.string().min(1).default('.cache/ingress-spool'),
  SPOOL_MAX_BYTES: positiveInt(1024 * 1024 * 1024),
};

export interface IngressConfig {
  port: number;
  /** Keys of Credfin's account-owner messages (`acct:` references, ACCOUNT_REF_KEY). */
  accountRefs: AccountRefs;
  kafka: KafkaConfig;
  credfin: { credentials: BasicCredential[] };
  creditchek: { secrets: string[] };
  bridge: { secrets: string[]; allowedIps: string[] };
  trustedProxies: string[];
  maxBodyBytes: number;
  genericSources: GenericSourceConfig[];
  rateLimit: { defaultPerSecond: number; perSource: Record<string, number> };
  failureLimit: { perAddressPerSecond: number; totalPerSecond: number };
  unverifiedReads: { maxReads: number; maxBytes: number };
  /** A request not received whole within this is answered 408 by the HTTP server. */
  requestTimeoutMs: number;
  publish: {
    timeoutMs: number;
    maxInFlight: number;
    maxInFlightBytes: number;
    batchMaxRecords: number;
    lingerMs: number;
    lanes: number;
  };
  shutdownGraceMs: number;
  /** After SIGTERM: not ready, yet still accepting, for this long (the load balancer's reaction time). */
  shutdownDelayMs: number;
  /** Sources whose deliveries go to the durable spool when Kafka cannot acknowledge them in time. */
  spool: { sources: string[]; dir: string; maxBytes: number };
}

export const INGRESS_CONFIG = Symbol('INGRESS_CONFIG');

function fail(variable: string, message: string): never {
  throw new ConfigError('ingress', [{ variable, message }]);
}

function parseRateLimits(entries: string[] | undefined): Record<string, number> {
  const limits: Record<string, number> = {};
  for (const entry of entries ?? []) {
    const match = /^([a-z0-9-]{1,40})=(\d+(\.\d+)?)$/.exec(entry);
    if (!match?.[1] || !match[2] || Number(match[2]) <= 0) {
      fail('WEBHOOK_RATE_LIMITS', `"${entry}" must look like source=requestsPerSecond, e.g. bridge=200`);
    }
    limits[match[1]] = Number(match[2]);
  }
  return limits;
}

function parseGenericSources(value: string | undefined): GenericSourceConfig[] {
  if (!value) return [];
  let text: string;
  try {
    text = readGenericSourcesText(value);
  } catch (error) {
    fail('WEBHOOK_SOURCES', (error as Error).message);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8 quotes the text around a syntax error, and this text holds credentials: keep the position only.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    fail(
      'WEBHOOK_SOURCES',
      `is not valid JSON${position ? ` (at position ${position})` : ''}; its text is not shown`,
    );
  }
  const result = genericSourcesSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    fail('WEBHOOK_SOURCES', `${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return result.data;
}

export function loadIngressConfig(env: Record<string, string | undefined> = process.env): IngressConfig {
  const parsed = parseConfig('ingress', ingressShape, env);
  const usernames = parsed.CREDFIN_WEBHOOK_USERNAME;
  const passwords = parsed.CREDFIN_WEBHOOK_PASSWORD;
  if (usernames.length !== passwords.length) {
    fail(
      'CREDFIN_WEBHOOK_PASSWORD',
      `lists ${passwords.length} passwords for ${usernames.length} usernames in CREDFIN_WEBHOOK_USERNAME; the lists pair up by position`,
    );
  }
  // The grace period covers the delay, then the requests in flight and the producer's flush.
  if (parsed.SHUTDOWN_GRACE_MS <= parsed.SHUTDOWN_DELAY_MS) {
    fail(
      'SHUTDOWN_GRACE_MS',
      `must be longer than SHUTDOWN_DELAY_MS (${parsed.SHUTDOWN_DELAY_MS}): the requests in flight and the producer's flush come after the delay`,
    );
  }
  const genericSources = parseGenericSources(parsed.WEBHOOK_SOURCES);
  const known = new Set(['credfin', 'creditchek', 'bridge', ...genericSources.map((source) => source.name)]);
  for (const [position, name] of parsed.SPOOL_SOURCES.entries()) {
    if (!known.has(name))
      fail(
        'SPOOL_SOURCES',
        `entry ${position + 1} is not a configured source (credfin, creditchek, bridge or a WEBHOOK_SOURCES name)`,
      );
  }
  // A spool that cannot hold one body of the largest size would refuse exactly the webhooks it is for.
  if (parsed.SPOOL_SOURCES.length > 0 && parsed.SPOOL_MAX_BYTES < 2 * parsed.WEBHOOK_MAX_BODY_BYTES) {
    fail(
      'SPOOL_MAX_BYTES',
      `must be at least twice WEBHOOK_MAX_BODY_BYTES (${parsed.WEBHOOK_MAX_BODY_BYTES})`,
    );
  }
  return {
    port: parsed.PORT,
    accountRefs: parsed.ACCOUNT_REF_KEY,
    kafka: loadKafkaConfig('ingress', env),
    credfin: {
      credentials: usernames.map((username, i) => ({ username, password: passwords[i] as string })),
    },
    creditchek: { secrets: parsed.CREDITCHEK_WEBHOOK_SECRETS },
    bridge: { secrets: parsed.BRIDGE_WEBHOOK_SECRETS, allowedIps: parsed.BRIDGE_ALLOWED_IPS ?? [] },
    trustedProxies: parsed.TRUSTED_PROXIES ?? [],
    maxBodyBytes: parsed.WEBHOOK_MAX_BODY_BYTES,
    genericSources,
    rateLimit: {
      defaultPerSecond: parsed.WEBHOOK_RATE_LIMIT_PER_SECOND,
      perSource: parseRateLimits(parsed.WEBHOOK_RATE_LIMITS),
    },
    failureLimit: {
      perAddressPerSecond: parsed.WEBHOOK_FAILURES_PER_ADDRESS_PER_SECOND,
      totalPerSecond: parsed.WEBHOOK_FAILURES_PER_SECOND,
    },
    unverifiedReads: {
      maxReads: parsed.WEBHOOK_MAX_UNVERIFIED_READS,
      maxBytes: parsed.WEBHOOK_MAX_UNVERIFIED_BYTES,
    },
    requestTimeoutMs: parsed.WEBHOOK_REQUEST_TIMEOUT_MS,
    publish: {
      timeoutMs: parsed.PUBLISH_TIMEOUT_MS,
      maxInFlight: parsed.PUBLISH_MAX_IN_FLIGHT,
      maxInFlightBytes: parsed.PUBLISH_MAX_IN_FLIGHT_BYTES,
      batchMaxRecords: parsed.PUBLISH_BATCH_MAX_RECORDS,
      lingerMs: parsed.PUBLISH_LINGER_MS,
      lanes: parsed.PUBLISH_LANES,
    },
    shutdownGraceMs: parsed.SHUTDOWN_GRACE_MS,
    shutdownDelayMs: parsed.SHUTDOWN_DELAY_MS,
    spool: { sources: parsed.SPOOL_SOURCES, dir: parsed.SPOOL_DIR, maxBytes: parsed.SPOOL_MAX_BYTES },
  };
}
