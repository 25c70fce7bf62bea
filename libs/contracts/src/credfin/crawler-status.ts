import { z } from 'zod';

// Statuses seen in Credfin's docs and examples. The set is OPEN: Credfin may add statuses without
// notice, so an unknown status is kept as a string, never rejected.
export const CREDFIN_CRAWLER_STATUSES = [
  'QUEUED',
  'PROCESSING',
  'AUTH',
  'RELEASED',
  'COMPLETED',
  'TIMEDOUT',
  'FAILED',
] as const;

export type KnownCredfinCrawlerStatus = (typeof CREDFIN_CRAWLER_STATUSES)[number];
/** A known status, or any other non-empty string Credfin sends. */
export type CredfinCrawlerStatus = KnownCredfinCrawlerStatus | (string & {});

export function isKnownCredfinCrawlerStatus(status: string): status is KnownCredfinCrawlerStatus {
  return (CREDFIN_CRAWLER_STATUSES as readonly string[]).includes(status);
}

export const crawlerStatusSchema = z
  .string()
  .min(1)
  .meta({ description: `Crawler status, open set; known: ${CREDFIN_CRAWLER_STATUSES.join(', ')}` });
