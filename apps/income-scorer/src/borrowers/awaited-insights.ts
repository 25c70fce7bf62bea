import type { EntityManager } from 'typeorm';

// For the reconciler (issue 10, "no insight lost"): CreditChek sends each webhook once, so a borrower
// whose statement was uploaded but whose insight (or failure) never arrived must be asked for.

export interface AwaitedInsight {
  borrowerId: string;
  /** A CreditChek application the borrower's accounts came from, when one is known. */
  appId?: string;
  /** ce_time of the borrower's latest pdf_upload. */
  uploadedAt: Date;
}

/**
 * Borrowers whose latest pdf_upload was received before `uploadedBefore` and who have had no
 * income_insight or income_insight_failure (any form) received at or after it; oldest upload first.
 * Times are the records' ce_time (when the ingress received them), the same clock for both.
 */
export async function awaitedInsights(
  db: Pick<EntityManager, 'query'>,
  uploadedBefore: Date,
  limit = 100,
): Promise<AwaitedInsight[]> {
  const rows = (await db.query(
    `SELECT b.borrower_id, b.last_upload_at,
            (SELECT min(app.value)
               FROM jsonb_each(b.state->'accounts') AS acct,
                    jsonb_array_elements_text(acct.value->'appIds') AS app(value)) AS app_id
       FROM scoring.borrower b
      WHERE b.last_upload_at < $1
        AND (b.last_outcome_at IS NULL OR b.last_outcome_at < b.last_upload_at)
      ORDER BY b.last_upload_at, b.borrower_id
      LIMIT $2`,
    [uploadedBefore.toISOString(), limit],
  )) as { borrower_id: string; last_upload_at: Date; app_id: string | null }[];
  return rows.map((row) => ({
    borrowerId: row.borrower_id,
    ...(row.app_id !== null ? { appId: row.app_id } : {}),
    uploadedAt: new Date(row.last_upload_at),
  }));
}
