import { Counter, type Registry } from 'prom-client';

/** found: awaited uploads to ask about; fetched: insights published; none: CreditChek had none yet. */
export type ReconciliationCount = 'found' | 'fetched' | 'none' | 'refused' | 'failed';

/** What the CreditChek reconciler reports on /metrics. */
export class ReconciliationMetrics {
  private readonly borrowers: Counter<'outcome'>;
  private readonly runs: Counter<'result'>;

  constructor(registry: Registry) {
    this.borrowers = new Counter({
      name: 'creditchek_reconciliation_borrowers_total',
      help: 'Uploads without insight the reconciler found (found), then fetched and published (fetched), found none for (none), refused (refused) or could not ask about (failed)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.runs = new Counter({
      name: 'creditchek_reconciliation_runs_total',
      help: 'Reconciliation runs: done, skipped (another replica holds the lease) or failed',
      labelNames: ['result'],
      registers: [registry],
    });
  }

  count(outcome: ReconciliationCount, n = 1): void {
    if (n > 0) this.borrowers.inc({ outcome }, n);
  }

  run(result: 'done' | 'skipped' | 'failed'): void {
    this.runs.inc({ result });
  }
}
