import { Inject, Injectable } from '@nestjs/common';
import type { ApplicationStatus } from '@ledgerhook/contracts';
import { DataSource } from 'typeorm';
import { isoColumn } from '../sql/iso-column';
import { accountArtifactsSql, applicationAnalysesSql } from './account-artifacts.sql';
import { type ApplicationCursor, encodeCursor } from './cursor';

// Read side of the Credfin projection. Contact and account-owner details are personal data: the
// controller masks them for callers without pii:read (application-pii.ts) and audits every read of
// them; never logged. The crawler seed is never selected.

interface ApplicationRow {
  id: string;
  vendor_specific_id: string | null;
  status: string;
  crawler_status: string | null;
  failure_reason: string | null;
  full_name: string | null;
  email: string | null;
  mobile: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  application_report_ready_at: string | null;
  summary_report_ready_at: string | null;
  summary_pdf_ready_at: string | null;
  summary_html_ready_at: string | null;
  bundle_ready_at: string | null;
  report_json_ready_at: string | null;
  analysis_pdf_ready_at: string | null;
  analysis_html_ready_at: string | null;
}

const t = isoColumn;

const APPLICATION_COLUMNS = `a.id, a.vendor_specific_id, a.status, a.crawler_status, a.failure_reason,
  a.full_name, a.email, a.mobile, a.version, ${t('a.created_at')} AS created_at, ${t('a.updated_at')} AS updated_at,
  ${t('a.application_report_ready_at')} AS application_report_ready_at,
  ${t('a.summary_report_ready_at')} AS summary_report_ready_at,
  ${t('a.summary_pdf_ready_at')} AS summary_pdf_ready_at,
  ${t('a.summary_html_ready_at')} AS summary_html_ready_at,
  ${t('a.bundle_ready_at')} AS bundle_ready_at,
  ${t('a.report_json_ready_at')} AS report_json_ready_at,
  ${t('a.analysis_pdf_ready_at')} AS analysis_pdf_ready_at,
  ${t('a.analysis_html_ready_at')} AS analysis_html_ready_at`;

function amount(value: string | null, currency: string | null) {
  return value === null ? null : { amount: value, currency };
}

export interface ApplicationListQuery {
  status?: ApplicationStatus;
  updatedSince?: string;
  cursor?: ApplicationCursor;
  limit: number;
}

@Injectable()
export class ApplicationsQuery {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** By application id first, else by vendor_specific_id (the most recently updated one). */
  private async resolve(idOrVsid: string): Promise<ApplicationRow | undefined> {
    const rows: ApplicationRow[] = await this.dataSource.query(
      `SELECT ${APPLICATION_COLUMNS} FROM credfin_application a
        WHERE a.id = $1 OR a.vendor_specific_id = $1
        ORDER BY (a.id = $1) DESC, a.updated_at DESC, a.id LIMIT 1`,
      [idOrVsid],
    );
    return rows[0];
  }

  async findApplication(idOrVsid: string) {
    const app = await this.resolve(idOrVsid);
    if (!app) return undefined;
    const [crawlers, accounts, analyses] = await Promise.all([
      this.crawlers(app.id),
      this.dataSource.query(
        `SELECT c.account_ref, c.bsb, c.number, c.available::text AS available, c.balance::text AS balance,
                c.currency, ${t('c.balances_as_of')} AS balances_as_of,
                o.status AS owner_status, o.owners, o.addresses, o.emails, o.phones, o.error_message,
                ${t('r.report_at')} AS report_at, ${t('r.pdf_at')} AS pdf_at, ${t('r.html_at')} AS html_at
           FROM credfin_application_account l
           JOIN credfin_account c ON c.account_ref = l.account_ref
           JOIN (${accountArtifactsSql('$2')}) r
             ON r.application_id = l.application_id AND r.account_ref = l.account_ref
           LEFT JOIN credfin_account_owner o ON o.account_ref = l.account_ref
          WHERE l.application_id = $1 ORDER BY c.bsb, c.number`,
        [app.id, [app.id]],
      ),
      this.dataSource.query(
        `SELECT x.analysis_id::text AS analysis_id, k.account_ref,
                ${t('x.report_ready_at')} AS report_ready_at,
                ${t('x.pdf_ready_at')} AS pdf_ready_at, ${t('x.html_ready_at')} AS html_ready_at
           FROM (${applicationAnalysesSql('$1')}) aa
           JOIN credfin_analysis x ON x.analysis_id = aa.analysis_id
           LEFT JOIN credfin_account_analysis k ON k.analysis_id = x.analysis_id
          ORDER BY x.analysis_id`,
        [[app.id]],
      ),
    ]);
    return {
      applicationId: app.id,
      vendorSpecificId: app.vendor_specific_id,
      status: app.status,
      crawlerStatus: app.crawler_status,
      failureReason: app.failure_reason,
      contact: { fullName: app.full_name, email: app.email, mobile: app.mobile },
      version: app.version,
      createdAt: app.created_at,
      updatedAt: app.updated_at,
      artifacts: {
        applicationReport: app.application_report_ready_at,
        summaryReport: app.summary_report_ready_at,
        summaryPdf: app.summary_pdf_ready_at,
        summaryHtml: app.summary_html_ready_at,
        bundle: app.bundle_ready_at,
        reportJson: app.report_json_ready_at,
        analysisPdf: app.analysis_pdf_ready_at,
        analysisHtml: app.analysis_html_ready_at,
      },
      crawlers,
      accounts: (accounts as Record<string, string | null>[]).map((account) => ({
        accountRef: account.account_ref,
        bsb: account.bsb,
        number: account.number,
        available: amount(account.available, account.currency),
        balance: amount(account.balance, account.currency),
        balancesAsOf: account.balances_as_of,
        // This account's own analysis artifacts (ready times), see account-artifacts.sql.ts.
        artifacts: {
          reportJson: account.report_at,
          analysisPdf: account.pdf_at,
          analysisHtml: account.html_at,
        },
        owner:
          account.owner_status === null
            ? null
            : {
                status: account.owner_status,
                owners: account.owners,
                addresses: account.addresses,
                emails: account.emails,
                phones: account.phones,
                errorMessage: account.error_message,
              },
      })),
      analyses: (analyses as Record<string, string | null>[]).map((analysis) => ({
        analysisId: analysis.analysis_id,
        accountRef: analysis.account_ref,
        reportReadyAt: analysis.report_ready_at,
        pdfReadyAt: analysis.pdf_ready_at,
        htmlReadyAt: analysis.html_ready_at,
      })),
    };
  }

  /** Each crawler of the application with its own status history (a bank abandoned, another completed). */
  private async crawlers(applicationId: string) {
    const [crawlers, history]: [
      { uuid: string; bank_id: number | null; status: string; status_at: string }[],
      { crawler_uuid: string; status: string; status_at: string }[],
    ] = await Promise.all([
      this.dataSource.query(
        `SELECT uuid, bank_id, status, ${t('status_at')} AS status_at
           FROM credfin_crawler WHERE application_id = $1 ORDER BY first_seen_at, uuid`,
        [applicationId],
      ),
      this.dataSource.query(
        `SELECT crawler_uuid, status, ${t('status_at')} AS status_at
           FROM credfin_crawler_status_change WHERE application_id = $1
          ORDER BY status_at, first_received_at, status`,
        [applicationId],
      ),
    ]);
    return crawlers.map((crawler) => ({
      uuid: crawler.uuid,
      bankId: crawler.bank_id,
      status: crawler.status,
      statusAt: crawler.status_at,
      history: history
        .filter((change) => change.crawler_uuid === crawler.uuid)
        .map((change) => ({ status: change.status, at: change.status_at })),
    }));
  }

  /** Every event naming the application, its vendor_specific_id or one of its accounts. */
  async timeline(idOrVsid: string) {
    const app = await this.resolve(idOrVsid);
    if (!app) return undefined;
    const entries: Record<string, string | null>[] = await this.dataSource.query(
      `SELECT e.ce_id, e.event_type, e.subject, ${t('e.provider_time')} AS provider_time,
              ${t('e.received_at')} AS received_at
         FROM timeline_entry e
        WHERE e.application_id = $1
           OR ($2::text IS NOT NULL AND e.vendor_specific_id = $2)
           OR e.account_refs && ARRAY(SELECT account_ref FROM credfin_application_account
                                       WHERE application_id = $1)
        ORDER BY e.received_at, e.ce_id`,
      [app.id, app.vendor_specific_id],
    );
    return {
      applicationId: app.id,
      crawlers: await this.crawlers(app.id),
      entries: entries.map((entry) => ({
        ceId: entry.ce_id,
        eventType: entry.event_type,
        subject: entry.subject,
        providerTime: entry.provider_time,
        receivedAt: entry.received_at,
      })),
    };
  }

  /** Keyset pagination on (updated_at, id), ascending: a poller resumes where it stopped. */
  async list(query: ApplicationListQuery) {
    const rows: ApplicationRow[] = await this.dataSource.query(
      `SELECT ${APPLICATION_COLUMNS} FROM credfin_application a
        WHERE ($1::text IS NULL OR a.status = $1)
          AND ($2::timestamptz IS NULL OR a.updated_at >= $2)
          AND ($3::timestamptz IS NULL OR (a.updated_at, a.id) > ($3::timestamptz, $4::text))
        ORDER BY a.updated_at, a.id
        LIMIT $5`,
      [
        query.status ?? null,
        query.updatedSince ?? null,
        query.cursor?.updatedAt ?? null,
        query.cursor?.id ?? null,
        query.limit + 1,
      ],
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((app) => ({
        applicationId: app.id,
        vendorSpecificId: app.vendor_specific_id,
        status: app.status,
        version: app.version,
        updatedAt: app.updated_at,
      })),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor({ updatedAt: last.updated_at, id: last.id }) : null,
    };
  }
}

/** GET /applications/:id, before personal data is masked for a caller without pii:read. */
export type ApplicationView = NonNullable<Awaited<ReturnType<ApplicationsQuery['findApplication']>>>;
