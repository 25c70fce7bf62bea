import { z } from 'zod';
import { loadDatabaseConfig, SCHEMA_NAME, type DatabaseConfig } from '@ledgerhook/database';
import { loadKafkaConfig, type KafkaConfig } from '@ledgerhook/kafka';
import { type AccountRefs, accountRefKeyVariable } from '@ledgerhook/contracts';
import {
  loadReadApiAuthConfig,
  parseConfig,
  portVariable,
  type ReadApiAuthConfig,
} from '@ledgerhook/platform';
import { loadSeedEncryptionConfig, type SeedEncryptionConfig } from './seed-encryption.config';

export const LIFECYCLE_PROJECTOR = 'lifecycle-projector';

/** The live projection's schema (LIFECYCLE_PROJECTOR_SCHEMA's default). */
export const LIFECYCLE_SCHEMA = 'lifecycle';

export interface LifecycleProjectorConfig {
  port: number;
  kafka: KafkaConfig;
  database: DatabaseConfig;
  seedEncryption: SeedEncryptionConfig;
  /** `acct:` references of accounts (ACCOUNT_REF_KEY): a new key means a rebuild. */
  accountRefs: AccountRefs;
  /** Who may call the read API (READ_API_TOKENS, OIDC_ISSUER_URL). */
  readApi: ReadApiAuthConfig;
  /** A new group replays the raw topics from the beginning (a rebuild). */
  groupId: string;
  /**
   * The schema the projection is built in. Another than `lifecycle` is a shadow rebuild
   * (`ledgerhook rebuild`): its inbox rows have a name of their own and nothing is published.
   */
  schema: string;
  /** Reads a raw topic from another one (tests point them at topics of their own); none by default. */
  topicOverrides: Readonly<Record<string, string>>;
}

export function loadLifecycleProjectorConfig(
  env: Record<string, string | undefined> = process.env,
): LifecycleProjectorConfig {
  const parsed = parseConfig(
    LIFECYCLE_PROJECTOR,
    {
      PORT: portVariable(3001),
      ACCOUNT_REF_KEY: accountRefKeyVariable(),
      LIFECYCLE_PROJECTOR_GROUP_ID: z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,200}$/, 'must be a Kafka consumer group id ([A-Za-z0-9._-])')
        .default(LIFECYCLE_PROJECTOR),
      LIFECYCLE_PROJECTOR_SCHEMA: z
        .string()
        .regex(SCHEMA_NAME, 'must be a lower-case PostgreSQL schema name ([a-z_][a-z0-9_]*)')
        .default(LIFECYCLE_SCHEMA),
    },
    env,
  );
  return {
    port: parsed.PORT,
    kafka: loadKafkaConfig(LIFECYCLE_PROJECTOR, env),
    database: loadDatabaseConfig(LIFECYCLE_PROJECTOR, env),
    seedEncryption: loadSeedEncryptionConfig(LIFECYCLE_PROJECTOR, env),
    readApi: loadReadApiAuthConfig(LIFECYCLE_PROJECTOR, env),
    accountRefs: parsed.ACCOUNT_REF_KEY,
    groupId: parsed.LIFECYCLE_PROJECTOR_GROUP_ID,
    schema: parsed.LIFECYCLE_PROJECTOR_SCHEMA,
    topicOverrides: {},
  };
}
