import {
  APPLICATION_STATUSES,
  CREDFIN_CRAWLER_STATUSES,
  type ApplicationStatus,
} from '@ledgerhook/contracts';

// The derived status of a Credfin application is the maximum rank of the facts seen so far, so it can
// only move forward and does not depend on the order events arrive in (max is commutative).
//
// failed / timed_out are not facts of that maximum: a crawler that timed out or failed while another
// crawler of the same application got through was abandoned (seed 000: "If a crawler is simply
// abandoned you will receive a TimeOut error from the crawler. This can cause a false error"). The
// finalizer derives them from ALL the application's crawlers (each at its newest status): the
// application is failed / timed out only when every crawler ended so and no delivered data (accounts,
// analyses, reports: rank accounts_known and up) arrived. Their places here give status_rank a value.
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

/**
 * The crawler statuses (the known ones: the set is open, others mean `started`) that mean each
 * application status: the finalizer's SQL gets these lists, so this function is what it does.
 */
export function crawlerStatusesMeaning(status: ApplicationStatus): string[] {
  return CREDFIN_CRAWLER_STATUSES.filter((crawlerStatus) => statusFromCrawler(crawlerStatus) === status);
}
