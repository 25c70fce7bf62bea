import { APPLICATION_STATUSES } from '@ledgerhook/contracts';
import {
  STATUS_RANKING,
  advanceStatus,
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

  it('never moves backwards, whatever the order of facts', () => {
    expect(advanceStatus('balances_known', 'crawling')).toBe('balances_known');
    expect(advanceStatus('crawling', 'balances_known')).toBe('balances_known');
    expect(advanceStatus('bundle_ready', 'started')).toBe('bundle_ready');
  });

  it('keeps failed and timed_out against any crawl-stage fact', () => {
    for (const crawlStage of ['started', 'crawling', 'released'] as const) {
      expect(advanceStatus('failed', crawlStage)).toBe('failed');
      expect(advanceStatus(crawlStage, 'failed')).toBe('failed');
      expect(advanceStatus('timed_out', crawlStage)).toBe('timed_out');
    }
    expect(advanceStatus('timed_out', 'failed')).toBe('failed');
    // Delivered data supersedes one crawler's failure (several banks per application).
    expect(advanceStatus('failed', 'accounts_known')).toBe('accounts_known');
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
