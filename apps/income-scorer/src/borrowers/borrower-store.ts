import type { IncomeScore } from '@ledgerhook/contracts';
import type { EntityManager } from 'typeorm';
import type { BorrowerState } from '../scoring/borrower-state';
import { decodeBorrowerState, encodeBorrowerState } from './borrower-state.codec';

// The borrowers' states and results in PostgreSQL (schema `scoring`), read and written a chunk at a
// time inside the consumer's transaction: one statement per table, whatever the chunk's size.

export interface StoredBorrower {
  state: BorrowerState;
  /** The result published last for this borrower. */
  latestResultId: string | null;
}

const latestTime = (entries: Readonly<Record<string, { time: string }>>): string | null => {
  let latest: number | undefined;
  for (const { time } of Object.values(entries)) {
    const at = Date.parse(time);
    if (latest === undefined || at > latest) latest = at;
  }
  return latest === undefined ? null : new Date(latest).toISOString();
};

/** The stored borrowers among `borrowerIds`, locked for this transaction. */
export async function loadBorrowers(
  manager: EntityManager,
  borrowerIds: readonly string[],
): Promise<Map<string, StoredBorrower>> {
  const rows = (await manager.query(
    `SELECT borrower_id, state::text AS state, latest_result_id
       FROM scoring.borrower WHERE borrower_id = ANY($1::text[]) FOR UPDATE`,
    [borrowerIds],
  )) as { borrower_id: string; state: string; latest_result_id: string | null }[];
  return new Map(
    rows.map((row) => [
      row.borrower_id,
      { state: decodeBorrowerState(row.state), latestResultId: row.latest_result_id },
    ]),
  );
}

/** Writes the borrowers' states (insert or replace), with the times the reconciler's query reads. */
export async function saveBorrowers(
  manager: EntityManager,
  borrowers: readonly StoredBorrower[],
): Promise<void> {
  if (borrowers.length === 0) return;
  await manager.query(
    `INSERT INTO scoring.borrower
            (borrower_id, state, last_upload_at, last_outcome_at, latest_result_id, updated_at)
     SELECT id, state::jsonb, upload_at, outcome_at, result_id, now()
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[])
            AS t(id, state, upload_at, outcome_at, result_id)
     ON CONFLICT (borrower_id) DO UPDATE SET
       state = EXCLUDED.state,
       last_upload_at = EXCLUDED.last_upload_at,
       last_outcome_at = EXCLUDED.last_outcome_at,
       latest_result_id = EXCLUDED.latest_result_id,
       updated_at = EXCLUDED.updated_at`,
    [
      borrowers.map((b) => b.state.borrowerId),
      borrowers.map((b) => encodeBorrowerState(b.state)),
      borrowers.map((b) => latestTime(b.state.uploads)),
      borrowers.map((b) => latestTime(b.state.insights)),
      borrowers.map((b) => b.latestResultId),
    ],
  );
}

/** Adds results to the history; a result already there (a replay) is left as it is. */
export async function saveResults(manager: EntityManager, results: readonly IncomeScore[]): Promise<void> {
  if (results.length === 0) return;
  const scored = (r: IncomeScore) => (r.status === 'scored' ? r : undefined);
  await manager.query(
    `INSERT INTO scoring.score_result
            (result_id, borrower_id, status, score, band, decision, model_version, as_of, value, recorded_at)
     SELECT id, borrower, status, score, band, decision, model, as_of, value::jsonb, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::text[],
                   $8::timestamptz[], $9::text[])
            AS t(id, borrower, status, score, band, decision, model, as_of, value)
     ON CONFLICT (result_id) DO NOTHING`,
    [
      results.map((r) => r.resultId),
      results.map((r) => r.borrowerId),
      results.map((r) => r.status),
      results.map((r) => scored(r)?.score ?? null),
      results.map((r) => scored(r)?.band ?? null),
      results.map((r) => scored(r)?.decision ?? null),
      results.map((r) => r.modelVersion),
      results.map((r) => r.asOf),
      results.map((r) => JSON.stringify(r)),
    ],
  );
}
