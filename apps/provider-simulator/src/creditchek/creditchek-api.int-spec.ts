import type { INestApplication } from '@nestjs/common';
import {
  CreditChekApiClient,
  CreditChekRejectedError,
  CreditChekUnavailableError,
  loadCreditChekApiConfig,
} from '@ledgerhook/creditchek-api';
import { createLogger } from '@ledgerhook/platform';
import { startServiceForTest } from '@ledgerhook/platform/testing';
import { loadProviderSimulatorConfig } from '../config/provider-simulator.config';
import { ProviderSimulatorModule } from '../provider-simulator.module';
import { syntheticInsight } from './creditchek-insights';

// The platform's CreditChek client against the simulator, over real HTTP: token header, path,
// insight answers in every public shape, "none", retries, the breaker and provider-scoped faults.
const TOKEN = 'it-creditchek-token-0123456789';
const PATH = '/income/api/process-income';
let app: INestApplication;
let url: string;

const client = (env: Record<string, string> = {}) =>
  new CreditChekApiClient(
    loadCreditChekApiConfig('creditchek-api.int-spec', {
      CREDITCHEK_API_URL: url,
      CREDITCHEK_API_TOKEN: TOKEN,
      CREDITCHEK_API_RETRIES: '3',
      CREDITCHEK_API_BREAKER_FAILURES: '4',
      CREDITCHEK_API_BREAKER_HALF_OPEN_MS: '60000',
      ...env,
    }),
  );
async function admin(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/admin/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (response.status >= 400) throw new Error(`admin ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? {} : ((await response.json()) as Record<string, unknown>);
}
const hits = async () => ((await admin('GET', 'hits'))[`creditchek ${PATH}`] as number | undefined) ?? 0;

beforeAll(async () => {
  const logger = createLogger('provider-simulator', 'silent');
  app = await startServiceForTest({
    service: 'provider-simulator',
    module: ProviderSimulatorModule.forRoot(
      loadProviderSimulatorConfig({ SIMULATOR_CREDITCHEK_TOKEN: TOKEN }),
      logger,
    ),
    logger,
  });
  url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

afterEach(async () => {
  await admin('DELETE', 'faults');
  await admin('DELETE', 'hits');
  await admin('DELETE', 'creditchek/insights');
});

afterAll(async () => {
  await app?.close();
});

describe('CreditChekApiClient against the provider simulator', () => {
  it("fetches a registered borrower's insight in each public shape, and none for another", async () => {
    const api = client();
    try {
      for (const form of ['flat', 'record', 'failed'] as const) {
        const borrowerId = `b-${form}`;
        const registered = await admin('POST', 'creditchek/insights', { borrowerId, form });
        expect(registered.data).toEqual(syntheticInsight(borrowerId, form));
        expect(await api.fetchInsight(borrowerId)).toEqual(syntheticInsight(borrowerId, form));
      }
      await admin('POST', 'creditchek/insights', {
        borrowerId: 'b-given',
        data: { borrowerId: 'b-given', x: 1 },
      });
      expect(await api.fetchInsight('b-given')).toEqual({ borrowerId: 'b-given', x: 1 });
      expect(await api.fetchInsight('b-unknown')).toBeUndefined();
    } finally {
      await api.close();
    }
  });

  it('refuses a wrong token with 401, without retrying, and says which variable to fix', async () => {
    const api = client({ CREDITCHEK_API_TOKEN: 'not-the-token-0123456789' });
    try {
      await admin('POST', 'creditchek/insights', { borrowerId: 'b1' });
      const error = await api.fetchInsight('b1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CreditChekRejectedError);
      expect((error as CreditChekRejectedError).status).toBe(401);
      expect((error as Error).message).toMatch(/CREDITCHEK_API_TOKEN/);
      expect(await hits()).toBe(1);
    } finally {
      await api.close();
    }
  });

  it('retries 503, 503 and succeeds; a reset connection and a cut answer are retried too', async () => {
    const api = client();
    try {
      await admin('POST', 'creditchek/insights', { borrowerId: 'b2' });
      await admin('POST', 'faults', { provider: 'creditchek', failStatus: 503, failCount: 2 });
      expect(await api.fetchInsight('b2')).toEqual(syntheticInsight('b2', 'flat'));
      expect(await hits()).toBe(3);
      await admin('DELETE', 'hits');
      await admin('POST', 'faults', { provider: 'creditchek', failCount: 1, resetConnections: true });
      expect(await api.fetchInsight('b2')).toEqual(syntheticInsight('b2', 'flat'));
      await admin('POST', 'faults', { provider: 'creditchek', failCount: 1, truncateBodies: true });
      expect(await api.fetchInsight('b2')).toEqual(syntheticInsight('b2', 'flat'));
      expect(await hits()).toBe(4);
    } finally {
      await api.close();
    }
  });

  it("is not disturbed by faults scoped to Credfin, and Credfin's API not by CreditChek's", async () => {
    const api = client();
    try {
      await admin('POST', 'creditchek/insights', { borrowerId: 'b3' });
      await admin('POST', 'faults', { provider: 'credfin', failStatus: 500, failForMs: 60_000 });
      expect(await api.fetchInsight('b3')).toEqual(syntheticInsight('b3', 'flat'));
      expect(await hits()).toBe(1);
      await admin('POST', 'faults', { provider: 'creditchek', failStatus: 500, failForMs: 60_000 });
      // Credfin's API is unaffected: an unsigned request is refused for its signature, not failed.
      expect((await fetch(`${url}/api/application/1/report`)).status).toBe(401);
    } finally {
      await api.close();
    }
  });

  it('opens its breaker while CreditChek keeps failing, then fails fast without calling it', async () => {
    const api = client();
    try {
      await admin('POST', 'creditchek/insights', { borrowerId: 'b4' });
      await admin('POST', 'faults', { provider: 'creditchek', failStatus: 502, failForMs: 60_000 });
      const first = await api.fetchInsight('b4').catch((e: unknown) => e);
      expect(first).toBeInstanceOf(CreditChekUnavailableError);
      const second = await api.fetchInsight('b4').catch((e: unknown) => e);
      expect((second as Error).message).toMatch(/circuit is open/);
      expect(api.isAvailable()).toBe(false);
      const before = await hits();
      await api.fetchInsight('b4').catch(() => undefined);
      expect(await hits()).toBe(before);
    } finally {
      await api.close();
    }
  });

  it('refuses registrations it does not understand, naming the field', async () => {
    for (const body of [{ borrowerId: '../x' }, { borrowerId: 'b5', form: 'other' }, { borrowerid: 'b5' }]) {
      const response = await fetch(`${url}/admin/creditchek/insights`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(/borrowerId|form|borrowerid/);
    }
  });
});
