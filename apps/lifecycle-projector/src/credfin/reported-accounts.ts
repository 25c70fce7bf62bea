import { type ConsumedEvent, isDownstreamEvent, RejectedEventError } from '@ledgerhook/consumer';
import { reportSchema } from '@ledgerhook/contracts';
import { RowFold } from '../merge/merge-upsert';
import type { CredfinAccountAnalysis } from './credfin-account-analysis.entity';
import type { CredfinApplicationAccount } from './credfin-application-account.entity';
import { CREDFIN_ACCOUNT_ANALYSIS_TABLE, CREDFIN_APPLICATION_ACCOUNT_TABLE } from './credfin.tables';
import type { TouchedApplications } from './credfin.projector';

/**
 * Credfin's account lists carry no application id (seed 000): the account reports the
 * report-retriever stores (lending.reports.v1, `analysis_report` with its `accountRef`) are what link
 * an application to its accounts. The link is a fact like any other (least linked_at), so the order
 * of reports, lists, balances and owner messages does not matter: the finalizer joins them.
 * The same report says which account and application its analysis is (`analysisId`): analysis.*
 * events, which may lack a vendor_specific_id, join their application through that.
 */
export function reportedAccountLinks(events: readonly ConsumedEvent[]): {
  links: RowFold<CredfinApplicationAccount>;
  analyses: RowFold<CredfinAccountAnalysis>;
  touched: TouchedApplications;
} {
  const links = new RowFold(CREDFIN_APPLICATION_ACCOUNT_TABLE);
  const analyses = new RowFold(CREDFIN_ACCOUNT_ANALYSIS_TABLE);
  const touched: TouchedApplications = {
    ids: new Set(),
    vendorSpecificIds: new Set(),
    accountRefs: new Set(),
    analysisIds: new Set(),
  };
  for (const event of events) {
    if (!isDownstreamEvent(event))
      throw new RejectedEventError('lending.reports.v1 carried a provider event');
    const parsed = reportSchema.safeParse(event.value);
    if (!parsed.success)
      throw new RejectedEventError('a lending.reports.v1 record does not match its schema');
    const report = parsed.data;
    if (report.kind !== 'analysis_report' || !report.accountRef) continue;
    links.add({
      application_id: report.applicationId,
      account_ref: report.accountRef,
      linked_at: report.fetchedAt,
    });
    touched.ids.add(report.applicationId);
    touched.accountRefs.add(report.accountRef);
    if (report.analysisId && /^\d{1,18}$/.test(report.analysisId)) {
      analyses.add({
        analysis_id: report.analysisId,
        application_id: report.applicationId,
        account_ref: report.accountRef,
        linked_at: report.fetchedAt,
      });
      touched.analysisIds.add(report.analysisId);
    }
  }
  return { links, analyses, touched };
}
