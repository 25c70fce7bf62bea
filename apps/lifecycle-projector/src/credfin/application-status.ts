import { APPLICATION_STATUSES, type ApplicationStatus } from '@ledgerhook/contracts';

// The derived status of a Credfin application is the maximum rank of the facts seen so far, so it can
// only move forward and does not depend on the order events arrive in (max is commutative).
//
// failed / timed_out are terminal for the crawl stage: no crawl-stage fact (QUEUED, AUTH, RELEASED,
// seed) can move the application out of them. They rank below accounts_known on purpose: with several
// banks one crawler can fail while another delivers data, and Credfin only sends account, analysis and
// report events when data exists, so that evidence supersedes the failure of one crawler. A plain
// "terminal wins" rule would make the final status depend on delivery order.
export const STATUS_RANKING: readonly ApplicationStatus[] = [
  'started',
  'crawling',
  'released',
  'timed_out',
  'failed',
  'accounts_known',
  'balances_known',
  'analysed',
  'report_ready',
  'bundle_ready',
];

const RANK: ReadonlyMap<string, number> = new Map(STATUS_RANKING.map((status, index) => [status, index]));

export function statusRank(status: ApplicationStatus): number {
  const rank = RANK.get(status);
  if (rank === undefined) throw new Error(`unknown application status ${JSON.stringify(status)}`);
  return rank;
}

export function statusAtRank(rank: number): ApplicationStatus {
  const status = STATUS_RANKING[rank];
  if (status === undefined) throw new Error(`no application status at rank ${rank}`);
  return status;
}

export function isApplicationStatus(value: string): value is ApplicationStatus {
  return (APPLICATION_STATUSES as readonly string[]).includes(value);
}

/**
 * What one crawler status says about the application. Unknown statuses (the set is open) say only
 * that the application exists; they are still kept in the crawler's history.
 */
export function statusFromCrawler(crawlerStatus: string): ApplicationStatus {
  switch (crawlerStatus) {
    case 'PROCESSING':
    case 'AUTH':
      return 'crawling';
    case 'RELEASED':
    case 'COMPLETED':
      return 'released';
    case 'FAILED':
      return 'failed';
    case 'TIMEDOUT':
      return 'timed_out';
    default:
      return 'started';
  }
}

export function isFailureStatus(status: ApplicationStatus): boolean {
  return status === 'failed' || status === 'timed_out';
}
