import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { createLogger } from '@ledgerhook/platform';
import { startServiceForTest } from '@ledgerhook/platform/testing';
import { loadProviderSimulatorConfig } from '../config/provider-simulator.config';
import { ProviderSimulatorModule } from '../provider-simulator.module';
import type { TrafficSummary } from './traffic-generator';

// The traffic generator against a recording stand-in for the ingress, over real HTTP: each provider's
// authentication, the order of a Credfin life cycle, CreditChek sent once even when refused, Bridge
// retried with back-off after a non-2xx and after a late answer, and the summary counting it all.
// (The whole path through the real ingress and consumers is e2e/traffic.e2e-spec.ts.)
const CREDFIN = { username: 'it-credfin', password: 'it-credfin-password' };
const CREDITCHEK_SECRET = 'it-creditchek-secret-0123456789';
const BRIDGE_SECRET = 'it-bridge-secret-0123456789';

interface Received {
  route: string;
  headers: IncomingHttpHeaders;
  body: string;
}
let received: Received[] = [];
/** Answers to give, per route, before answering 200; 'late' answers after the Bridge timeout. */
let script: Record<string, (number | 'late')[]> = {};
let ingress: Server;
let app: INestApplication;
let url: string;

const admin = async (method: string, body?: unknown) => {
  const response = await fetch(`${url}/admin/traffic`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: response.status === 204 ? undefined : await response.json() };
};
const summary = async () => (await admin('GET')).body as TrafficSummary;
async function finished(flows: number): Promise<TrafficSummary> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const now = await summary();
    if (now.sent.length >= flows) return now;
    if (Date.now() > deadline) throw new Error(`gave up: ${JSON.stringify(now.flows)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const routeOf = (route: string) => received.filter((r) => r.route === route);
const json = (r: Received) => JSON.parse(r.body) as Record<string, unknown>;

beforeAll(async () => {
  ingress = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const route = request.url ?? '';
      received.push({ route, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = script[route]?.shift() ?? 200;
      if (answer === 'late') setTimeout(() => response.end(), 600);
      else response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => ingress.listen(0, '127.0.0.1', resolve));
  const logger = createLogger('provider-simulator', 'silent');
  app = await startServiceForTest({
    service: 'provider-simulator',
    module: ProviderSimulatorModule.forRoot(
      loadProviderSimulatorConfig({
        SIMULATOR_TRAFFIC_INGRESS_URL: `http://127.0.0.1:${(ingress.address() as AddressInfo).port}`,
        SIMULATOR_TRAFFIC_BRIDGE_TIMEOUT_MS: '300',
        CREDFIN_WEBHOOK_USERNAME: CREDFIN.username,
        CREDFIN_WEBHOOK_PASSWORD: CREDFIN.password,
        CREDITCHEK_WEBHOOK_SECRETS: `${CREDITCHEK_SECRET},older-secret`,
        BRIDGE_WEBHOOK_SECRETS: BRIDGE_SECRET,
      }),
      logger,
    ),
    logger,
  });
  url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

beforeEach(() => {
  received = [];
  script = {};
});

afterAll(async () => {
  await app?.close();
  await new Promise((resolve) => ingress?.close(resolve));
});

describe('provider traffic to the ingress', () => {
  it("sends each provider's complete flows with its own authentication and delivery behaviour", async () => {
    script = { '/webhooks/bridge': [503, 'late'], '/webhooks/creditchek': [500] };
    const started = await admin('POST', { ratePerSecond: 100, limit: 6 });
    expect(started.status).toBe(202);
    const done = await finished(6);

    // Two flows of each provider, in the mix's proportions.
    expect(done.running).toBe(false);
    expect(done.flows).toEqual({
      credfin: { started: 2, complete: 2, failed: 0, inFlight: 0 },
      creditchek: { started: 2, complete: 1, failed: 1, inFlight: 0 },
      bridge: { started: 2, complete: 2, failed: 0, inFlight: 0 },
    });

    // Credfin: Basic auth, each application's whole life cycle in the order the simulator serves it,
    // with an abandoned bank whose crawler times out.
    const credfin = routeOf('/webhooks/credfin');
    const basic = `Basic ${Buffer.from(`${CREDFIN.username}:${CREDFIN.password}`).toString('base64')}`;
    expect(new Set(credfin.map((r) => r.headers.authorization))).toEqual(new Set([basic]));
    for (const flow of done.sent.filter((f) => f.provider === 'credfin')) {
      const expected = (await (
        await fetch(`${url}/admin/credfin/applications/${flow.id}/webhooks`)
      ).json()) as { event: string; payload: unknown }[];
      const sent = credfin
        .map(json)
        .filter((w) => JSON.stringify(w).includes(`SIM-${flow.id}`) || sameAccounts(w, expected));
      expect(sent.map((w) => w['event'])).toEqual(expected.map((w) => w.event));
      expect(sent.length).toBe(flow.webhooks);
      expect(JSON.stringify(sent)).toContain('"TIMEDOUT"');
    }

    // CreditChek: the first secret in its header, each webhook once; the refused upload not retried.
    const creditchek = routeOf('/webhooks/creditchek');
    expect(creditchek.map((r) => r.headers['x-auth-signature'])).toEqual(Array(4).fill(CREDITCHEK_SECRET));
    expect(creditchek.map((r) => json(r)['event']).sort()).toEqual([
      'income_insight',
      'income_insight',
      'pdf_upload',
      'pdf_upload',
    ]);

    // Bridge: every request signed v1=HMAC-SHA256 (upper-case hex) of its exact body; the 503 and the
    // late answer retried, so 8 events took 10 requests.
    const bridge = routeOf('/webhooks/bridge');
    for (const request of bridge)
      expect(request.headers['bridgeapi-signature']).toBe(
        `v1=${createHmac('sha256', BRIDGE_SECRET).update(request.body).digest('hex').toUpperCase()}`,
      );
    expect(bridge).toHaveLength(10);
    expect(new Set(bridge.map((r) => r.body)).size).toBe(8);
    expect(done.deliveries.retries).toBe(2);
    expect(done.deliveries.total).toBe(received.length);

    // The simulated CreditChek API serves each borrower the insight that was sent.
    const [insight] = creditchek.map(json).filter((w) => w['event'] === 'income_insight');
    const borrowerId = (insight?.['data'] as { borrowerId: string }).borrowerId;
    expect(borrowerId).toMatch(/^sim-\d+$/);
  });

  it('refuses settings it cannot follow, naming the field', async () => {
    const refused = await admin('POST', { ratePerSecond: 0, mix: { credfin: 0, creditchek: 0, bridge: 0 } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('ratePerSecond');
    expect(JSON.stringify(refused.body)).toContain('mix');
  });

  it('stops starting flows on DELETE', async () => {
    await admin('POST', { ratePerSecond: 20, mix: { credfin: 0, creditchek: 1, bridge: 0 } });
    expect((await admin('DELETE')).status).toBe(204);
    const stopped = await summary();
    expect(stopped.running).toBe(false);
    const started = stopped.flows.creditchek.started;
    const later = await finished(started);
    expect(later.flows.creditchek.started).toBe(started);
  });
});

/** Account lists carry no application id: they belong to the application whose accounts they name. */
function sameAccounts(webhook: Record<string, unknown>, lifeCycle: { event: string; payload: unknown }[]) {
  const text = JSON.stringify(webhook['payload']);
  return lifeCycle.some((w) => JSON.stringify(w.payload) === text);
}
