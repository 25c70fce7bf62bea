import type { DataSource } from 'typeorm';
import type { AwaitedInsight } from './awaited-insights';
import type { ReconciliationOutcome } from './reconciliation-entry.entity';

/** `<borrowerId> <uploadedAt ms>`: one upload. */
const uploadKey = (borrowerId: string, uploadedAt: Date) => `${borrowerId} ${uploadedAt.getTime()}`;

/**
 * The reconciler's memory (reconciliation.creditchek_fetch): which uploads not to ask about now —
 * published (for good), or found without insight / refused less than `recheckMs` ago.
 */
export class ReconciliationLedger {
  constructor(private readonly dataSource: DataSource) {}

  /** The candidates to ask CreditChek about now, in the order given. */
  async toAsk(
    candidates: readonly AwaitedInsight[],
    now: Date,
    recheckMs: number,
  ): Promise<AwaitedInsight[]> {
    if (candidates.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT borrower_id, uploaded_at FROM reconciliation.creditchek_fetch
        WHERE borrower_id = ANY($1::text[]) AND (outcome = 'published' OR checked_at > $2)`,
      [candidates.map((candidate) => candidate.borrowerId), new Date(now.getTime() - recheckMs)],
    )) as { borrower_id: string; uploaded_at: Date }[];
    const setAside = new Set(rows.map((row) => uploadKey(row.borrower_id, row.uploaded_at)));
    return candidates.filter(
      (candidate) => !setAside.has(uploadKey(candidate.borrowerId, candidate.uploadedAt)),
    );
  }

  async record(
    upload: AwaitedInsight,
    outcome: ReconciliationOutcome,
    now: Date,
    details: { ceId?: string; dedupKey?: string; reason?: string } = {},
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO reconciliation.creditchek_fetch
              (borrower_id, uploaded_at, outcome, ce_id, dedup_key, reason, attempts, checked_at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, $7)
       ON CONFLICT ON CONSTRAINT pk_creditchek_fetch DO UPDATE
          SET outcome = EXCLUDED.outcome, ce_id = EXCLUDED.ce_id, dedup_key = EXCLUDED.dedup_key,
              reason = EXCLUDED.reason, attempts = creditchek_fetch.attempts + 1,
              checked_at = EXCLUDED.checked_at`,
      [
        upload.borrowerId,
        upload.uploadedAt,
        outcome,
        details.ceId ?? null,
        details.dedupKey ?? null,
        details.reason ?? null,
        now,
      ],
    );
  }
}
