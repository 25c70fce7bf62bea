// Credfin's webhooks for one application, as the provider simulator builds them around what it says
// the application holds (GET /admin/credfin/applications/:id and …/:id/webhooks): the accounts in the
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

/**
 * The whole life cycle, in the order Credfin sends it (an abandoned crawler, the seed, the crawler that
 * completes, accounts, analyses, summaries, bundle), as the simulator's traffic generator sends it.
 */
export async function credfinLifeCycle(simulatorUrl: string, id: string): Promise<CredfinWebhook[]> {
  const response = await fetch(`${simulatorUrl}/admin/credfin/applications/${id}/webhooks`);
  if (response.status !== 200)
    throw new Error(`the simulator knows no application ${id}: ${response.status}`);
  return (await response.json()) as CredfinWebhook[];
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

/** The report-retriever giving up on Credfin quickly and trying again soon: outages fit in a test. */
export const RETRIEVER_QUICK_BREAKER = {
  CREDFIN_API_RETRIES: '2',
  CREDFIN_API_BREAKER_FAILURES: '3',
  CREDFIN_API_BREAKER_HALF_OPEN_MS: '1000',
};
