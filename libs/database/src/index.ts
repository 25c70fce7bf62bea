export {
  DEFAULT_DATABASE_URL,
  databaseUrlFor,
  databaseConfigShape,
  describeDatabaseUrl,
  loadDatabaseConfig,
  type DatabaseConfig,
} from './config/database-config';
export {
  createServiceDataSource,
  SCHEMA_NAME,
  type ServiceDataSourceOptions,
} from './data-source/data-source.factory';
export { dropDatabase } from './data-source/drop-database';
export { ensureDatabase, explainConnectionError } from './data-source/ensure-database';
export { runMigrations } from './data-source/run-migrations';
export { InboxEntry } from './inbox/inbox-entry.entity';
export { CreatePlatformInbox1795363200000 } from './migrations/1795363200000-create-platform-inbox';
export { PLATFORM_ENTITIES, PLATFORM_MIGRATIONS } from './platform-schema';
export { DatabaseModule } from './nest/database.module';
export { claimInbox, type InboxClaim } from './inbox/inbox.store';
export { OutboxEntry } from './outbox/outbox-entry.entity';
export {
  acquireRelayLease,
  countOutboxBacklog,
  deleteOutboxRecords,
  enqueueOutbox,
  readOutboxBatch,
  rejectOutboxRecord,
  releaseRelayLease,
  type OutboxRecord,
  type StoredOutboxRecord,
} from './outbox/outbox.store';
export { OutboxRelayLease } from './outbox/outbox-relay-lease.entity';
export { CreatePlatformOutbox1795363300000 } from './migrations/1795363300000-create-platform-outbox';
