import { CredfinAccountAnalysis } from './credfin/credfin-account-analysis.entity';
import { CredfinAccountOwner } from './credfin/credfin-account-owner.entity';
import { CredfinAccount } from './credfin/credfin-account.entity';
import { CredfinAnalysis } from './credfin/credfin-analysis.entity';
import { CredfinApplicationAccount } from './credfin/credfin-application-account.entity';
import { CredfinApplication } from './credfin/credfin-application.entity';
import { CredfinCrawlerStatusChange } from './credfin/credfin-crawler-status-change.entity';
import { CredfinCrawler } from './credfin/credfin-crawler.entity';
import { BridgeAccount } from './bridge/bridge-account.entity';
import { BridgeItem } from './bridge/bridge-item.entity';
import { BridgePaymentTransaction } from './bridge/bridge-payment-transaction.entity';
import { BridgeUser } from './bridge/bridge-user.entity';
import { CreateLifecycleSchema1795449600000 } from './migrations/1795449600000-create-lifecycle-schema';
import { TruthfulLifecycle1795622400000 } from './migrations/1795622400000-truthful-lifecycle';
import { CrawlerSeed } from './seeds/crawler-seed.entity';
import { TimelineEntry } from './timeline/timeline-entry.entity';
import { tableNameOf } from './merge/table-spec';
import { LIFECYCLE_SCHEMA } from './config/lifecycle-projector.config';

export { LIFECYCLE_SCHEMA };

/** lifecycle-projector's own tables (the module adds PLATFORM_ENTITIES); listed, never globbed. */
export const LIFECYCLE_ENTITIES = [
  CredfinApplication,
  CredfinCrawler,
  CredfinCrawlerStatusChange,
  CredfinAccount,
  CredfinApplicationAccount,
  CredfinAccountOwner,
  CredfinAnalysis,
  CredfinAccountAnalysis,
  CrawlerSeed,
  BridgeUser,
  BridgeItem,
  BridgeAccount,
  BridgePaymentTransaction,
  TimelineEntry,
] as const;

export const LIFECYCLE_MIGRATIONS = [
  CreateLifecycleSchema1795449600000,
  TruthfulLifecycle1795622400000,
] as const;

/** Every projected table as `lifecycle.name`, for checksums and tests: derived from the entities. */
export const LIFECYCLE_TABLES: readonly string[] = LIFECYCLE_ENTITIES.map(
  (entity) => `${LIFECYCLE_SCHEMA}.${tableNameOf(entity)}`,
);
