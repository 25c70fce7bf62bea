import type { EntityManager } from 'typeorm';
import { isoColumn } from '../sql/iso-column';
import { accountArtifactsSql, applicationAnalysesSql } from './account-artifacts.sql';
import { STATUS_RANKING, crawlerStatusesMeaning, statusRank } from './application-status';
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
 * database holds (its own facts, crawlers, linked accounts, its analyses, timeline):
 * - status: highest rank among its own progress, every status its crawlers reported other than a
 *   failure (so it never moves back while crawlers progress), accounts known / with balances, any
 *   analysis; failed / timed_out only when EVERY crawler's newest status is a
 *   failure and no delivered data (accounts_known and up) arrived, with the failed crawlers as the
 *   reason (cleared as soon as that no longer holds);
 * - report JSON / analysis PDF / HTML: ready when every linked account has its own
 *   (account-artifacts.sql.ts), at the latest account's time, or when the application's own
 *   report_ready / bundle_ready proves it;
 * - version: number of events applied to it: its own (id in the payload), its analyses (through
 *   their account report, else by vendor_specific_id), its accounts' owner messages and bare account
 *   lists (by account), each row counting the events it absorbed, so no timeline scan is needed;
 * - created_at / updated_at: first / last ce_time of those events.
 * All are functions of the set of events applied, so the result does not depend on delivery order.
 *
 * The rows are locked (in id order) BEFORE the recomputation, in a statement of their own: a
 * transaction of another partition that touched the same application (owner message, bare account
 * list, analysis without vendor_specific_id) must have committed first, so that the recomputation's
 * snapshot includes its events.
 */
export async function finalizeApplications(
  manager: EntityManager,
  touched: TouchedApplications,
): Promise<FinalizedApplication[]> {
  const size =
    touched.ids.size + touched.vendorSpecificIds.size + touched.accountRefs.size + touched.analysisIds.size;
  if (size === 0) return [];
  const locked: { id: string }[] = await manager.query(
    `SELECT id FROM credfin_application
      WHERE id IN (
        SELECT id FROM credfin_application WHERE id = ANY($1::text[]) OR vendor_specific_id = ANY($2::text[])
        UNION
        SELECT application_id FROM credfin_application_account WHERE account_ref = ANY($3::text[])
        UNION
        SELECT application_id FROM credfin_account_analysis WHERE analysis_id = ANY($4::bigint[]))
      ORDER BY id FOR UPDATE`,
    [[...touched.ids], [...touched.vendorSpecificIds], [...touched.accountRefs], [...touched.analysisIds]],
  );
  if (locked.length === 0) return [];
  const rows: FinalizedApplication[] = await manager.query(
    `WITH target AS (SELECT unnest($1::text[]) AS id),
     linked AS (
       SELECT l.application_id AS id,
              bool_or(c.balances_key IS NOT NULL OR c.available_key IS NOT NULL) AS balances_known,
              sum(c.list_event_count + COALESCE(o.event_count, 0))::int AS n,
              min(LEAST(c.list_first_at, o.first_seen_at)) AS first_at,
              max(GREATEST(c.list_last_at, o.last_event_at)) AS last_at
         FROM credfin_application_account l
         JOIN target t ON t.id = l.application_id
         JOIN credfin_account c ON c.account_ref = l.account_ref
         LEFT JOIN credfin_account_owner o ON o.account_ref = l.account_ref
        GROUP BY l.application_id),
     analysed AS (
       SELECT aa.id, sum(x.event_count)::int AS n,
              min(x.first_seen_at) AS first_at, max(x.last_event_at) AS last_at
         FROM (${applicationAnalysesSql('$1')}) aa
         JOIN credfin_analysis x ON x.analysis_id = aa.analysis_id
        GROUP BY aa.id),
     per_account AS (${accountArtifactsSql('$1')}),
     accounts AS (
       SELECT application_id AS id, count(*) AS n,
              CASE WHEN count(report_at) = count(*) THEN max(report_at) END AS report_at,
              CASE WHEN count(pdf_at) = count(*) THEN max(pdf_at) END AS pdf_at,
              CASE WHEN count(html_at) = count(*) THEN max(html_at) END AS html_at
         FROM per_account GROUP BY application_id),
     crawled AS (
       SELECT c.application_id AS id,
              bool_and(c.status = ANY($11::text[] || $12::text[])) AS all_failed,
              bool_or(c.status = ANY($12::text[])) AS any_failed,
              string_agg('crawler ' || c.uuid || COALESCE(' at bank ' || c.bank_id, '') || ' reported ' || c.status,
                         '; ' ORDER BY c.uuid)
                FILTER (WHERE c.status = ANY($11::text[] || $12::text[])) AS reason
         FROM credfin_crawler c
         JOIN target t ON t.id = c.application_id
        WHERE c.status IS NOT NULL
        GROUP BY c.application_id),
     crawl_progress AS (
       SELECT c.application_id AS id,
              max(CASE WHEN h.status = ANY($6::text[]) THEN $8::smallint
                       WHEN h.status = ANY($7::text[]) THEN $9::smallint
                       ELSE $10::smallint END) AS rank
         FROM credfin_crawler c
         JOIN target t ON t.id = c.application_id
         JOIN credfin_crawler_status_change h ON h.crawler_uuid = c.uuid
        WHERE NOT h.status = ANY($11::text[] || $12::text[])
        GROUP BY c.application_id),
     ranked AS (
       SELECT a.id, a.own_event_count + COALESCE(k.n, 0) + COALESCE(an.n, 0) AS n,
              LEAST(a.own_first_event_at, k.first_at, an.first_at) AS first_at,
              GREATEST(a.own_last_event_at, k.last_at, an.last_at) AS last_at,
              LEAST(a.application_report_ready_at, a.bundle_ready_at,
                    CASE WHEN ac.n > 0 THEN ac.report_at END) AS report_at,
              LEAST(a.bundle_ready_at, CASE WHEN ac.n > 0 THEN ac.pdf_at END) AS pdf_at,
              LEAST(a.bundle_ready_at, CASE WHEN ac.n > 0 THEN ac.html_at END) AS html_at,
              cr.all_failed, cr.any_failed, cr.reason,
              GREATEST(a.progress_rank, cp.rank,
                       CASE WHEN k.id IS NOT NULL THEN $2::smallint END,
                       CASE WHEN k.balances_known THEN $3::smallint END,
                       CASE WHEN an.id IS NOT NULL THEN $4::smallint END) AS rank
         FROM credfin_application a
         JOIN target t ON t.id = a.id
         LEFT JOIN linked k ON k.id = a.id
         LEFT JOIN analysed an ON an.id = a.id
         LEFT JOIN accounts ac ON ac.id = a.id
         LEFT JOIN crawled cr ON cr.id = a.id
         LEFT JOIN crawl_progress cp ON cp.id = a.id),
     facts AS (
       SELECT r.*, COALESCE(r.all_failed AND r.rank < $2::smallint, false) AS failing FROM ranked r)
     UPDATE credfin_application a
        SET version = f.n, created_at = f.first_at, updated_at = f.last_at,
            status_rank = CASE WHEN NOT f.failing THEN f.rank WHEN f.any_failed THEN $13::smallint ELSE $14::smallint END,
            status = CASE WHEN NOT f.failing THEN ($5::text[])[f.rank + 1] WHEN f.any_failed THEN 'failed' ELSE 'timed_out' END,
            failure_reason = CASE WHEN f.failing THEN f.reason END,
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
      crawlerStatusesMeaning('crawling'),
      crawlerStatusesMeaning('released'),
      statusRank('crawling'),
      statusRank('released'),
      statusRank('started'),
      crawlerStatusesMeaning('timed_out'),
      crawlerStatusesMeaning('failed'),
      statusRank('failed'),
      statusRank('timed_out'),
    ],
  );
  // node-pg returns UPDATE … RETURNING rows as [rows, count] through TypeORM's manager.query.
  const result = (Array.isArray(rows[0]) ? rows[0] : rows) as FinalizedApplication[];
  return [...result].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
