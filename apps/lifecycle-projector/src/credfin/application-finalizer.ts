import type { EntityManager } from 'typeorm';
import { isoColumn } from '../sql/iso-column';
import { STATUS_RANKING, statusRank } from './application-status';
import type { TouchedApplications } from './credfin.projector';

/** A touched application after its derived columns were recomputed: what the outbox publishes. */
export interface FinalizedApplication {
  id: string;
  vendor_specific_id: string | null;
  status: string;
  crawler_status: string | null;
  failure_reason: string | null;
  version: number;
  updated_at: string;
  report_json: boolean;
  analysis_pdf: boolean;
  analysis_html: boolean;
  summary_pdf: boolean;
  summary_html: boolean;
  bundle: boolean;
}

/**
 * Recomputes the derived columns of every application the batch may have changed, from what the
 * database holds (its own facts, linked accounts, analyses with its vendor_specific_id, timeline):
 * - status: highest rank among its own progress, accounts known / with balances, any analysis;
 * - version: number of events applied to it: its own (id in the payload), its analyses (by
 *   vendor_specific_id), its accounts' owner messages and bare account lists (by account), each row
 *   counting the events it absorbed, so no timeline scan is needed;
 * - created_at / updated_at: first / last ce_time of those events.
 * All are functions of the set of events applied, so the result does not depend on delivery order.
 *
 * The rows are locked (in id order) BEFORE the recomputation, in a statement of their own: a
 * transaction of another partition that touched the same application (owner message, bare account
 * list) must have committed first, so that the recomputation's snapshot includes its events.
 */
export async function finalizeApplications(
  manager: EntityManager,
  touched: TouchedApplications,
): Promise<FinalizedApplication[]> {
  if (touched.ids.size + touched.vendorSpecificIds.size + touched.accountRefs.size === 0) return [];
  const locked: { id: string }[] = await manager.query(
    `SELECT id FROM credfin_application
      WHERE id IN (
        SELECT id FROM credfin_application WHERE id = ANY($1::text[]) OR vendor_specific_id = ANY($2::text[])
        UNION
        SELECT application_id FROM credfin_application_account WHERE account_ref = ANY($3::text[]))
      ORDER BY id FOR UPDATE`,
    [[...touched.ids], [...touched.vendorSpecificIds], [...touched.accountRefs]],
  );
  if (locked.length === 0) return [];
  const rows: FinalizedApplication[] = await manager.query(
    `WITH target AS (SELECT unnest($1::text[]) AS id),
     linked AS (
       SELECT l.application_id AS id, bool_or(c.balances_key IS NOT NULL) AS balances_known,
              sum(c.list_event_count + COALESCE(o.event_count, 0))::int AS n,
              min(LEAST(c.list_first_at, o.first_seen_at)) AS first_at,
              max(GREATEST(c.list_last_at, o.last_event_at)) AS last_at
         FROM credfin_application_account l
         JOIN target t ON t.id = l.application_id
         JOIN credfin_account c ON c.account_ref = l.account_ref
         LEFT JOIN credfin_account_owner o ON o.account_ref = l.account_ref
        GROUP BY l.application_id),
     analysed AS (
       SELECT a.id, min(x.report_ready_at) AS report_at, min(x.pdf_ready_at) AS pdf_at,
              min(x.html_ready_at) AS html_at, sum(x.event_count)::int AS n,
              min(x.first_seen_at) AS first_at, max(x.last_event_at) AS last_at
         FROM credfin_application a
         JOIN target t ON t.id = a.id
         JOIN credfin_analysis x ON x.vendor_specific_id = a.vendor_specific_id
        GROUP BY a.id),
     facts AS (
       SELECT a.id, a.own_event_count + COALESCE(k.n, 0) + COALESCE(an.n, 0) AS n,
              LEAST(a.own_first_event_at, k.first_at, an.first_at) AS first_at,
              GREATEST(a.own_last_event_at, k.last_at, an.last_at) AS last_at,
              an.report_at, an.pdf_at, an.html_at,
              GREATEST(a.progress_rank,
                       CASE WHEN k.id IS NOT NULL THEN $2::smallint END,
                       CASE WHEN k.balances_known THEN $3::smallint END,
                       CASE WHEN an.id IS NOT NULL THEN $4::smallint END) AS rank
         FROM credfin_application a
         JOIN target t ON t.id = a.id
         LEFT JOIN linked k ON k.id = a.id
         LEFT JOIN analysed an ON an.id = a.id)
     UPDATE credfin_application a
        SET version = f.n, created_at = f.first_at, updated_at = f.last_at,
            status_rank = f.rank, status = ($5::text[])[f.rank + 1],
            report_json_ready_at = f.report_at, analysis_pdf_ready_at = f.pdf_at,
            analysis_html_ready_at = f.html_at
       FROM facts f
      WHERE a.id = f.id
     RETURNING a.id, a.vendor_specific_id, a.status, a.crawler_status, a.failure_reason, a.version,
               ${isoColumn('a.updated_at')} AS updated_at,
               a.report_json_ready_at IS NOT NULL AS report_json,
               a.analysis_pdf_ready_at IS NOT NULL AS analysis_pdf,
               a.analysis_html_ready_at IS NOT NULL AS analysis_html,
               a.summary_pdf_ready_at IS NOT NULL AS summary_pdf,
               a.summary_html_ready_at IS NOT NULL AS summary_html,
               a.bundle_ready_at IS NOT NULL AS bundle`,
    [
      locked.map((row) => row.id),
      statusRank('accounts_known'),
      statusRank('balances_known'),
      statusRank('analysed'),
      [...STATUS_RANKING],
    ],
  );
  // node-pg returns UPDATE … RETURNING rows as [rows, count] through TypeORM's manager.query.
  const result = (Array.isArray(rows[0]) ? rows[0] : rows) as FinalizedApplication[];
  return [...result].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
