import { z } from 'zod';
import { type CredfinApiConfig, loadCredfinApiConfig } from '@ledgerhook/credfin-api';
import { type AccountRefs, accountRefKeyVariable, isJsonPointer } from '@ledgerhook/contracts';
import { loadDatabaseConfig, type DatabaseConfig } from '@ledgerhook/database';
import { loadKafkaConfig, type KafkaConfig } from '@ledgerhook/kafka';
import {
  loadReadApiAuthConfig,
  parseConfig,
  portVariable,
  type ReadApiAuthConfig,
} from '@ledgerhook/platform';
import type { ReportFetchMode } from '../retrieval/fetch-plan';

export const REPORT_RETRIEVER = 'report-retriever';

const pointer = (fallback: string) =>
  z.string().refine(isJsonPointer, 'must be a JSON pointer (RFC 6901), e.g. /account/bsb').default(fallback);

export interface ReportRetrieverConfig {
  port: number;
  kafka: KafkaConfig;
  database: DatabaseConfig;
  credfinApi: CredfinApiConfig;
  /** Who may call the read API (READ_API_TOKENS, OIDC_ISSUER_URL). */
  readApi: ReadApiAuthConfig;
  /** `acct:` references announced on lending.reports.v1 (ACCOUNT_REF_KEY, the lifecycle-projector's too). */
  accountRefs: AccountRefs;
  fetchMode: ReportFetchMode;
  /** Where an analysis report JSON names its application and account (undocumented: assumptions). */
  reportPointers: { applicationId: string; bsb: string; number: string };
  /** A report JSON or a bundle larger than this is refused (they are parsed in memory). */
  maxParsedBytes: number;
  groupId: string;
  /** Reads webhooks.credfin.v1 from another topic (tests). */
  topicOverrides: Readonly<Record<string, string>>;
}

export function loadReportRetrieverConfig(
  env: Record<string, string | undefined> = process.env,
): ReportRetrieverConfig {
  const parsed = parseConfig(
    REPORT_RETRIEVER,
    {
      PORT: portVariable(3002),
      ACCOUNT_REF_KEY: accountRefKeyVariable(),
      REPORT_FETCH_MODE: z.enum(['artifacts', 'bundle', 'both']).default('both'),
      REPORT_APPLICATION_ID_POINTER: pointer('/application_id'),
      REPORT_ACCOUNT_BSB_POINTER: pointer('/account/bsb'),
      REPORT_ACCOUNT_NUMBER_POINTER: pointer('/account/number'),
      REPORT_MAX_PARSED_BYTES: z.coerce
        .number({ error: 'must be a number' })
        .int()
        .positive()
        .default(256 * 1024 * 1024),
      REPORT_RETRIEVER_GROUP_ID: z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,200}$/, 'must be a Kafka consumer group id ([A-Za-z0-9._-])')
        .default(REPORT_RETRIEVER),
    },
    env,
  );
  return {
    port: parsed.PORT,
    kafka: loadKafkaConfig(REPORT_RETRIEVER, env),
    database: loadDatabaseConfig(REPORT_RETRIEVER, env),
    credfinApi: loadCredfinApiConfig(REPORT_RETRIEVER, env),
    readApi: loadReadApiAuthConfig(REPORT_RETRIEVER, env),
    accountRefs: parsed.ACCOUNT_REF_KEY,
    fetchMode: parsed.REPORT_FETCH_MODE,
    reportPointers: {
      applicationId: parsed.REPORT_APPLICATION_ID_POINTER,
      bsb: parsed.REPORT_ACCOUNT_BSB_POINTER,
      number: parsed.REPORT_ACCOUNT_NUMBER_POINTER,
    },
    maxParsedBytes: parsed.REPORT_MAX_PARSED_BYTES,
    groupId: parsed.REPORT_RETRIEVER_GROUP_ID,
    topicOverrides: {},
  };
}
