import { createHash } from 'node:crypto';
import { accountsOf } from '../credfin/credfin-artifacts';
import { syntheticPerson } from './synthetic-person';

// Credfin's webhooks for one application, in the shapes of seed 000 and in the order Credfin sends
// them, built around what the simulated Credfin API serves for it: the accounts in the lists,
// balances and owner messages are the ones its reports name. Served to tests at
// GET /admin/credfin/applications/:id/webhooks and sent by the traffic generator.

export type CredfinWebhook = { event: string; payload: unknown };

export interface SimulatedApplication {
  applicationId: string;
  vendorSpecificId: string;
  accounts: { analysisId: string; bsb: string; number: string; holder: string }[];
}

export function simulatedApplication(id: string): SimulatedApplication {
  return { applicationId: id, vendorSpecificId: `SIM-${id}`, accounts: accountsOf(id) };
}

/** A stable crawler uuid per application and bank, so a replayed life cycle is the same one. */
function crawlerUuid(applicationId: string, bank: number): string {
  const hex = createHash('sha256').update(`crawler:${applicationId}:${bank}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Credfin's timestamp form (microseconds, +11:00) of `at` plus `seconds`. */
function credfinTime(at: number, seconds: number): string {
  return new Date(at + seconds * 1000 + 11 * 3_600_000).toISOString().replace('Z', '000+11:00');
}

/** The bank whose crawler the borrower abandons (it times out) and the one that completes. */
const ABANDONED_BANK = 41;
const COMPLETED_BANK = 130;

/**
 * The whole life cycle: a crawler at a bank the borrower abandons (AUTH, then TIMEDOUT), the seed and
 * the crawler that completes, accounts, balances, owners, per-account analyses, PDFs and HTML, the
 * application report, summaries and the bundle. Timestamps rise one second per event from `startedAt`.
 */
export function credfinLifeCycle(
  application: SimulatedApplication,
  startedAt = Date.UTC(2026, 10, 22, 23),
): CredfinWebhook[] {
  const id = Number(application.applicationId);
  const person = syntheticPerson(application.applicationId);
  let second = 0;
  const crawler = (bank: number, status: string) => ({
    uuid: crawlerUuid(application.applicationId, bank),
    application: id,
    bank_id: bank,
    timestamp: credfinTime(startedAt, second),
    status,
  });
  const applicationEvent = (
    event: string,
    crawlers: ReturnType<typeof crawler>[],
    done = false,
  ): CredfinWebhook => ({
    event,
    payload: {
      id,
      vendor_specific_id: application.vendorSpecificId,
      timestamp: credfinTime(startedAt, second++),
      crawler: crawlers,
      full_name: person.fullName,
      email: person.email,
      mobile: person.mobile,
      finalised: done,
      analysed: done,
    },
  });
  const analysis = (event: string, analysisId: string): CredfinWebhook => ({
    event,
    payload: {
      id: Number(analysisId),
      time: credfinTime(startedAt, second++),
      vendor_specific_id: application.vendorSpecificId,
    },
  });
  const completed = () => [crawler(COMPLETED_BANK, 'COMPLETED')];
  return [
    applicationEvent('crawler.lifecycle_updated', [crawler(ABANDONED_BANK, 'AUTH')]),
    applicationEvent('crawler.seed_created', [crawler(COMPLETED_BANK, 'AUTH')]),
    applicationEvent('crawler.lifecycle_updated', [crawler(ABANDONED_BANK, 'TIMEDOUT')]),
    applicationEvent('crawler.lifecycle_updated', [crawler(COMPLETED_BANK, 'RELEASED')]),
    applicationEvent('crawler.lifecycle_updated', completed(), true),
    {
      event: 'account.numbers_ready',
      payload: application.accounts.map(({ bsb, number }) => ({ bsb, number })),
    },
    {
      event: 'account.balances_ready',
      payload: application.accounts.map(({ bsb, number }, i) => ({
        bsb,
        number,
        available: `${100 + i}.25`,
        balance: `${200 + i}.50`,
      })),
    },
    ...application.accounts.map(({ bsb, number, holder }): CredfinWebhook => ({
      event: 'account.account_owner',
      payload: {
        status: 'success',
        fileLocation: `account_owner_info-${bsb}-${number}.json`,
        messageType: 'account_owner_info',
        errorMessage: '',
        accountOwnerInfo: { bsb, number, address: [], owners: [holder.toUpperCase()], email: [], phone: [] },
      },
    })),
    ...application.accounts.flatMap(({ analysisId }) => [
      analysis('analysis.report_ready', analysisId),
      analysis('analysis.pdf_ready', analysisId),
      analysis('analysis.html_ready', analysisId),
    ]),
    applicationEvent('application.report_ready', completed(), true),
    applicationEvent('summary.pdf_ready', completed(), true),
    applicationEvent('summary.html_ready', completed(), true),
    applicationEvent('application.bundle_ready', completed(), true),
  ];
}
