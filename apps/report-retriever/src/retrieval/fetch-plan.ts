import type { CredfinEvent, ReportKind } from '@ledgerhook/contracts';

export type ReportFetchMode = 'artifacts' | 'bundle' | 'both';

/** One artifact an event makes ready, named by what Credfin's API needs to serve it. */
export type WantedArtifact =
  | {
      kind: 'analysis_report' | 'analysis_pdf' | 'analysis_html';
      analysisId: string;
      vendorSpecificId?: string;
    }
  | {
      kind: 'application_report' | 'summary_pdf' | 'summary_html' | 'bundle';
      applicationId: string;
      vendorSpecificId?: string;
    };

const PER_ANALYSIS: Partial<Record<string, ReportKind>> = {
  'analysis.report_ready': 'analysis_report',
  'analysis.pdf_ready': 'analysis_pdf',
  'analysis.html_ready': 'analysis_html',
};
const PER_APPLICATION: Partial<Record<string, ReportKind>> = {
  'application.report_ready': 'application_report',
  'summary.pdf_ready': 'summary_pdf',
  'summary.html_ready': 'summary_html',
};

/**
 * What to fetch for one Credfin event (seed 000): an account's report JSON, PDF or HTML; the summary
 * PDF or HTML; the application's report JSON (what a time-sensitive decision uses); the bundle. A
 * per-account PDF or HTML also needs that account's report JSON: it is what names the application
 * and the account. Events that make nothing ready give nothing.
 */
export function fetchPlan(event: CredfinEvent, mode: ReportFetchMode): WantedArtifact[] {
  if (!event.known) return [];
  const payload = event.payload as { id?: unknown; vendor_specific_id?: unknown };
  if (typeof payload.id !== 'number' && typeof payload.id !== 'string') return [];
  const id = String(payload.id);
  const vsid =
    typeof payload.vendor_specific_id === 'string' ? { vendorSpecificId: payload.vendor_specific_id } : {};
  const analysisKind = PER_ANALYSIS[event.eventName];
  const applicationKind = PER_APPLICATION[event.eventName];
  if (event.eventName === 'application.bundle_ready')
    return mode === 'artifacts' ? [] : [{ kind: 'bundle', applicationId: id, ...vsid }];
  if (mode === 'bundle') return [];
  if (analysisKind === 'analysis_report') return [{ kind: 'analysis_report', analysisId: id, ...vsid }];
  if (analysisKind === 'analysis_pdf' || analysisKind === 'analysis_html')
    return [
      { kind: 'analysis_report', analysisId: id, ...vsid },
      { kind: analysisKind, analysisId: id, ...vsid },
    ];
  if (
    applicationKind === 'application_report' ||
    applicationKind === 'summary_pdf' ||
    applicationKind === 'summary_html'
  )
    return [{ kind: applicationKind, applicationId: id, ...vsid }];
  return [];
}
