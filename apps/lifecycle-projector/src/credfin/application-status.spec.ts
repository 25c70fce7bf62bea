import { APPLICATION_STATUSES } from '@ledgerhook/contracts';
import {
  STATUS_RANKING,
  crawlerStatusesMeaning,
  isApplicationStatus,
  statusAtRank,
  statusFromCrawler,
  statusRank,
} from './application-status';

describe('application status ranking', () => {
  it('ranks every contract status exactly once', () => {
    expect([...STATUS_RANKING].sort()).toEqual([...APPLICATION_STATUSES].sort());
    for (const status of STATUS_RANKING) expect(statusAtRank(statusRank(status))).toBe(status);
    expect(() => statusAtRank(STATUS_RANKING.length)).toThrow(/no application status/);
  });

  it('follows the life cycle forward', () => {
    const lifeCycle = [
      'started',
      'crawling',
      'released',
      'accounts_known',
      'balances_known',
      'analysed',
      'report_ready',
      'bundle_ready',
    ] as const;
    for (let i = 1; i < lifeCycle.length; i += 1) {
      expect(statusRank(lifeCycle[i])).toBeGreaterThan(statusRank(lifeCycle[i - 1]));
    }
  });

  // The finalizer's SQL gets these lists: an application fails only when every crawler is in one.
  it('names the crawler statuses of each meaning, failures apart from every success', () => {
    expect(crawlerStatusesMeaning('crawling')).toEqual(['PROCESSING', 'AUTH']);
    expect(crawlerStatusesMeaning('released')).toEqual(['RELEASED', 'COMPLETED']);
    expect(crawlerStatusesMeaning('timed_out')).toEqual(['TIMEDOUT']);
    expect(crawlerStatusesMeaning('failed')).toEqual(['FAILED']);
    // Delivered data outranks every crawl-stage fact, so it supersedes crawler failures.
    for (const crawlStage of ['started', 'crawling', 'released'] as const)
      expect(statusRank('accounts_known')).toBeGreaterThan(statusRank(crawlStage));
  });

  it('maps crawler statuses, keeping unknown ones harmless', () => {
    expect(statusFromCrawler('QUEUED')).toBe('started');
    expect(statusFromCrawler('PROCESSING')).toBe('crawling');
    expect(statusFromCrawler('AUTH')).toBe('crawling');
    expect(statusFromCrawler('RELEASED')).toBe('released');
    expect(statusFromCrawler('COMPLETED')).toBe('released');
    expect(statusFromCrawler('FAILED')).toBe('failed');
    expect(statusFromCrawler('TIMEDOUT')).toBe('timed_out');
    expect(statusFromCrawler('MFA_REQUIRED')).toBe('started');
  });

  it('recognises status names', () => {
    expect(isApplicationStatus('report_ready')).toBe(true);
    expect(isApplicationStatus('REPORT_READY')).toBe(false);
  });
});
