import { tableSpecOf } from '../merge/table-spec';
import { CrawlerSeed } from '../seeds/crawler-seed.entity';
import { CredfinAccountAnalysis } from './credfin-account-analysis.entity';
import { CredfinAccountOwner } from './credfin-account-owner.entity';
import { CredfinAccount } from './credfin-account.entity';
import { CredfinAnalysis } from './credfin-analysis.entity';
import { CredfinApplicationAccount } from './credfin-application-account.entity';
import { CredfinApplication } from './credfin-application.entity';
import { CredfinCrawlerStatusChange } from './credfin-crawler-status-change.entity';
import { CredfinCrawler } from './credfin-crawler.entity';

// How each Credfin table merges a new fact: derived from its entity (columns, types, @Merged rules).
export const CREDFIN_APPLICATION_TABLE = tableSpecOf(CredfinApplication);
export const CREDFIN_CRAWLER_TABLE = tableSpecOf(CredfinCrawler);
export const CREDFIN_CRAWLER_STATUS_CHANGE_TABLE = tableSpecOf(CredfinCrawlerStatusChange);
export const CREDFIN_ACCOUNT_TABLE = tableSpecOf(CredfinAccount);
export const CREDFIN_APPLICATION_ACCOUNT_TABLE = tableSpecOf(CredfinApplicationAccount);
export const CREDFIN_ACCOUNT_OWNER_TABLE = tableSpecOf(CredfinAccountOwner);
export const CREDFIN_ANALYSIS_TABLE = tableSpecOf(CredfinAnalysis);
export const CREDFIN_ACCOUNT_ANALYSIS_TABLE = tableSpecOf(CredfinAccountAnalysis);
export const CRAWLER_SEED_TABLE = tableSpecOf(CrawlerSeed);
