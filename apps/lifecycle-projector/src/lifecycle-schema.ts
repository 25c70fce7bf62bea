import { CredfinAccountOwner } from './applications/credfin-account-owner.entity';
import { CredfinAccount } from './applications/credfin-account.entity';
import { CredfinAnalysis } from './applications/credfin-analysis.entity';
import { CredfinApplicationAccount } from './applications/credfin-application-account.entity';
import { CredfinApplication } from './applications/credfin-application.entity';
import { CredfinCrawlerStatusChange } from './applications/credfin-crawler-status-change.entity';
import { CredfinCrawler } from './applications/credfin-crawler.entity';
import { BridgeAccount } from './bridge/bridge-account.entity';
import { BridgeItem } from './bridge/bridge-item.entity';
import { BridgePaymentTransaction } from './bridge/bridge-payment-transaction.entity';
import { BridgeUser } from './bridge/bridge-user.entity';
import { CreateLifecycleSchema1795449600000 } from './migrations/1795449600000-create-lifecycle-schema';
import { CrawlerSeed } from './seeds/crawler-seed.entity';
import { TimelineEntry } from './timeline/timeline-entry.entity';

/** lifecycle-projector's own tables (the module adds PLATFORM_ENTITIES); listed, never globbed. */
export const LIFECYCLE_ENTITIES = [
  CredfinApplication,
  CredfinCrawler,
  CredfinCrawlerStatusChange,
  CredfinAccount,
  CredfinApplicationAccount,
  CredfinAccountOwner,
  CredfinAnalysis,
  CrawlerSeed,
  BridgeUser,
  BridgeItem,
  BridgeAccount,
  BridgePaymentTransaction,
  TimelineEntry,
] as const;

export const LIFECYCLE_MIGRATIONS = [CreateLifecycleSchema1795449600000] as const;

/** Every projected table, for rebuild checksums and tests. */
export const LIFECYCLE_TABLES = [
  'lifecycle.credfin_application',
  'lifecycle.credfin_crawler',
  'lifecycle.credfin_crawler_status_change',
  'lifecycle.credfin_account',
  'lifecycle.credfin_application_account',
  'lifecycle.credfin_account_owner',
  'lifecycle.credfin_analysis',
  'lifecycle.crawler_seed',
  'lifecycle.bridge_user',
  'lifecycle.bridge_item',
  'lifecycle.bridge_account',
  'lifecycle.bridge_payment_transaction',
  'lifecycle.timeline_entry',
] as const;
