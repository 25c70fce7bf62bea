import { randomUUID } from 'node:crypto';

// Credfin's webhooks for one application, in the shapes of seed 000, built around what the provider
// simulator says the application holds (GET /admin/credfin/applications/:id): the accounts in the
// lists, balances and owner messages are the ones the reports the simulator serves will name.

export interface SimulatedApplication {
  applicationId: string;
  vendorSpecificId: string;
  accounts: { analysisId: string; bsb: string; number: string; holder: string }[];
}

export async function simulatedApplication(simulatorUrl: string, id: string): Promise<SimulatedApplication> {
  const response = await fetch(`${simulatorUrl}/admin/credfin/applications/${id}`);
  if (response.status !== 200)
    throw new Error(`the simulator knows no application ${id}: ${response.status}`);
  return (await response.json()) as SimulatedApplication;
}

export type CredfinWebhook = { event: string; payload: unknown };

/** One crawler per run: its status history is what the life cycle moves. */
const CRAWLER_UUID = randomUUID();

/** The whole life cycle, in the order Credfin sends it: crawler, accounts, analyses, summaries, bundle. */
export function credfinLifeCycle(application: SimulatedApplication): CredfinWebhook[] {
  const id = Number(application.applicationId);
  const crawler = (status: string) => [
    {
      uuid: CRAWLER_UUID,
      application: id,
      bank_id: 130,
      timestamp: '2026-11-23T10:00:00.000000+11:00',
      status,
    },
  ];
  const applicationEvent = (event: string, status: string, done = false): CredfinWebhook => ({
    event,
    payload: {
      id,
      vendor_specific_id: application.vendorSpecificId,
      timestamp: '2026-11-23T10:00:00.000000+11:00',
      crawler: crawler(status),
      full_name: 'Avery Quill',
      email: 'avery.quill@example.test',
      mobile: '0400000009',
      finalised: done,
      analysed: done,
    },
  });
  const analysis = (event: string, analysisId: string): CredfinWebhook => ({
    event,
    payload: {
      id: Number(analysisId),
      time: '2026-11-23T10:05:00.000000+11:00',
      vendor_specific_id: application.vendorSpecificId,
    },
  });
  return [
    applicationEvent('crawler.seed_created', 'AUTH'),
    applicationEvent('crawler.lifecycle_updated', 'RELEASED'),
    applicationEvent('crawler.lifecycle_updated', 'COMPLETED', true),
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
    applicationEvent('application.report_ready', 'COMPLETED', true),
    applicationEvent('summary.pdf_ready', 'COMPLETED', true),
    applicationEvent('summary.html_ready', 'COMPLETED', true),
    applicationEvent('application.bundle_ready', 'COMPLETED', true),
  ];
}

/** Sends one webhook as Credfin does (Basic auth) and answers the ingress's status. */
export async function sendCredfinWebhook(
  ingressUrl: string,
  credentials: { username: string; password: string },
  webhook: CredfinWebhook,
): Promise<number> {
  const response = await fetch(`${ingressUrl}/webhooks/credfin`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`,
    },
    body: JSON.stringify(webhook),
  });
  await response.arrayBuffer();
  return response.status;
}
