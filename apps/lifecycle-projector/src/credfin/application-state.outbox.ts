import {
  type ApplicationState,
  TOPICS,
  accountLast4,
  applicationStateSchema,
  buildCloudEventHeaders,
  moneyFromDecimalString,
  moneyToJson,
  safeIdPart,
} from '@ledgerhook/contracts';
import type { OutboxMessage } from '@ledgerhook/consumer';
import type { EntityManager } from 'typeorm';
import { accountArtifactsSql } from './account-artifacts.sql';
import type { FinalizedApplication } from './application-finalizer';
import { isApplicationStatus, isFailureStatus } from './application-status';

interface AccountStateRow {
  application_id: string;
  account_ref: string;
  number: string;
  available: string | null;
  balance: string | null;
  currency: string | null;
  owner_status: string | null;
  report_json: boolean;
  analysis_pdf: boolean;
  analysis_html: boolean;
}

export const APPLICATION_STATE_SOURCE = 'lifecycle-projector';
export const APPLICATION_STATE_EVENT = 'application.state';

function money(amount: string | null, currency: string | null) {
  return amount !== null && currency !== null
    ? moneyToJson(moneyFromDecimalString(amount, currency, 'major'))
    : undefined;
}

function ownerInfo(status: string | null): 'pending' | 'received' | 'failed' {
  if (status === 'success') return 'received';
  if (status === 'failed') return 'failed';
  return 'pending';
}

/** The lending.applications.v1 value of one application (no personal data: account ref + last 4). */
export function applicationState(
  app: FinalizedApplication,
  accounts: readonly AccountStateRow[],
): ApplicationState {
  if (!isApplicationStatus(app.status)) throw new Error(`unexpected stored status ${app.status}`);
  const state: ApplicationState = {
    provider: 'credfin',
    applicationId: app.id,
    ...(app.vendor_specific_id ? { vendorSpecificId: app.vendor_specific_id } : {}),
    status: app.status,
    ...(app.crawler_status ? { crawlerStatus: app.crawler_status } : {}),
    accounts: accounts.map((account) => {
      const balance = money(account.balance, account.currency);
      const available = money(account.available, account.currency);
      return {
        accountRef: account.account_ref,
        last4: accountLast4(account.number),
        ...(balance ? { balance } : {}),
        ...(available ? { available } : {}),
        ownerInfo: ownerInfo(account.owner_status),
        artifacts: {
          reportJson: account.report_json,
          analysisPdf: account.analysis_pdf,
          analysisHtml: account.analysis_html,
        },
      };
    }),
    artifacts: {
      reportJson: app.report_json,
      analysisPdf: app.analysis_pdf,
      analysisHtml: app.analysis_html,
      summaryPdf: app.summary_pdf,
      summaryHtml: app.summary_html,
      bundle: app.bundle,
    },
    ...(isFailureStatus(app.status) && app.failure_reason ? { failureReason: app.failure_reason } : {}),
    updatedAt: app.updated_at,
    version: app.version,
  };
  // A value that breaks the published contract must fail the transaction, not reach consumers.
  return applicationStateSchema.parse(state);
}

/**
 * One outbox record per changed application. Key: the application id as a plain string ("961194"), the
 * key the topic catalogue documents for the compacted lending.applications.v1. `version` counts the
 * raw events applied to the application, so it grows with every change and is the same on a rebuild:
 * consumers keep the highest version they saw. ce_dedupkey is derived from (id, version).
 */
export async function applicationStateMessages(
  manager: EntityManager,
  applications: readonly FinalizedApplication[],
  traceparents: ReadonlyMap<string, string>,
): Promise<OutboxMessage[]> {
  if (applications.length === 0) return [];
  const accounts: AccountStateRow[] = await manager.query(
    `SELECT l.application_id, c.account_ref, c.number, c.available::text AS available,
            c.balance::text AS balance, c.currency, o.status AS owner_status,
            r.report_at IS NOT NULL AS report_json, r.pdf_at IS NOT NULL AS analysis_pdf,
            r.html_at IS NOT NULL AS analysis_html
       FROM credfin_application_account l
       JOIN credfin_account c ON c.account_ref = l.account_ref
       JOIN (${accountArtifactsSql('$1')}) r
         ON r.application_id = l.application_id AND r.account_ref = l.account_ref
       LEFT JOIN credfin_account_owner o ON o.account_ref = l.account_ref
      WHERE l.application_id = ANY($1::text[])
      ORDER BY l.application_id, c.account_ref`,
    [applications.map((app) => app.id)],
  );
  const byApplication = new Map<string, AccountStateRow[]>();
  for (const account of accounts) {
    const list = byApplication.get(account.application_id) ?? [];
    list.push(account);
    byApplication.set(account.application_id, list);
  }
  return applications.map((app) => {
    const state = applicationState(app, byApplication.get(app.id) ?? []);
    const subject = `app:${safeIdPart(app.id)}`;
    const headers = buildCloudEventHeaders({
      source: APPLICATION_STATE_SOURCE,
      eventName: APPLICATION_STATE_EVENT,
      subject,
      dedupKey: `${APPLICATION_STATE_SOURCE}:${APPLICATION_STATE_EVENT}:${subject}:v${app.version}`,
      receivedAt: new Date(app.updated_at),
      contentType: 'application/json',
      traceparent: traceparents.get(app.id),
    });
    return { topic: TOPICS.applications, key: app.id, value: JSON.stringify(state), headers };
  });
}
