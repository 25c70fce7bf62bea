/**
 * Per account of the applications in the text[] parameter `$n`: when its report JSON, analysis PDF
 * and analysis HTML became ready. An account's own analysis is the one its stored account report
 * names (credfin_account_analysis): its analysis.* events (analysis.time, else receipt) and the
 * report itself (fetched, so its JSON exists). The application's report_ready proves every account's
 * report JSON, its bundle_ready all three ("called once all accounts have been analyzed and PDFs &
 * HTML are ready", seed 000). The read API, the finalizer and lending.applications.v1 all use this.
 */
export function accountArtifactsSql(applicationIds: `$${number}`): string {
  return `SELECT l.application_id, l.account_ref,
         LEAST(min(x.report_ready_at), min(k.linked_at), a.application_report_ready_at, a.bundle_ready_at) AS report_at,
         LEAST(min(x.pdf_ready_at), a.bundle_ready_at) AS pdf_at,
         LEAST(min(x.html_ready_at), a.bundle_ready_at) AS html_at
    FROM credfin_application_account l
    JOIN credfin_application a ON a.id = l.application_id
    LEFT JOIN credfin_account_analysis k
           ON k.application_id = l.application_id AND k.account_ref = l.account_ref
    LEFT JOIN credfin_analysis x ON x.analysis_id = k.analysis_id
   WHERE l.application_id = ANY(${applicationIds}::text[])
   GROUP BY l.application_id, l.account_ref, a.application_report_ready_at, a.bundle_ready_at`;
}

/**
 * The analyses of the applications in `$n`: those whose account report names the application, and,
 * for analyses no report has named yet, those sharing its vendor_specific_id.
 */
export function applicationAnalysesSql(applicationIds: `$${number}`): string {
  return `SELECT k.application_id AS id, k.analysis_id
      FROM credfin_account_analysis k
     WHERE k.application_id = ANY(${applicationIds}::text[])
    UNION
    SELECT a.id, x.analysis_id
      FROM credfin_application a
      JOIN credfin_analysis x ON x.vendor_specific_id = a.vendor_specific_id
     WHERE a.id = ANY(${applicationIds}::text[])
       AND NOT EXISTS (SELECT 1 FROM credfin_account_analysis k WHERE k.analysis_id = x.analysis_id)`;
}
