import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import {
  CredfinApiClient,
  CredfinRejectedError,
  CredfinUnavailableError,
  loadCredfinApiConfig,
  type ArtifactRef,
} from '@ledgerhook/credfin-api';
import { createLogger } from '@ledgerhook/platform';
import { startServiceForTest } from '@ledgerhook/platform/testing';
import { loadProviderSimulatorConfig } from '../config/provider-simulator.config';
import type { Faults } from '../faults/faults.schema';
import { ProviderSimulatorModule } from '../provider-simulator.module';
import { accountsOf, analysisReport, applicationReport, bundle, html, pdf } from './credfin-artifacts';

// The platform's Credfin client against the simulator, over real HTTP: the simulator checks the
// HMAC with code of its own, so signing, paths, retries and the breaker are all exercised for real.
const TOKEN = { CREDFIN_API_TOKEN_ID: 'it-token', CREDFIN_API_TOKEN_SECRET: 'it-secret-0123456789abcdef' };
let app: INestApplication;
let url: string;

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
async function read(body: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
const client = (env: Record<string, string> = {}) =>
  new CredfinApiClient(
    loadCredfinApiConfig('credfin-api.int-spec', {
      CREDFIN_API_URL: url,
      ...TOKEN,
      CREDFIN_API_RETRIES: '3',
      CREDFIN_API_BREAKER_FAILURES: '4',
      CREDFIN_API_BREAKER_HALF_OPEN_MS: '60000',
      ...env,
    }),
  );
const admin = async (method: string, path: string, body?: Faults | Record<string, unknown>) => {
  const response = await fetch(`${url}/admin/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return response.status === 204 ? undefined : ((await response.json()) as Record<string, number>);
};

beforeAll(async () => {
  const logger = createLogger('provider-simulator', 'silent');
  const config = loadProviderSimulatorConfig({
    SIMULATOR_CREDFIN_TOKEN_ID: TOKEN.CREDFIN_API_TOKEN_ID,
    SIMULATOR_CREDFIN_TOKEN_SECRET: TOKEN.CREDFIN_API_TOKEN_SECRET,
  });
  app = await startServiceForTest({
    service: 'provider-simulator',
    module: ProviderSimulatorModule.forRoot(config, logger),
    logger,
  });
  url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

afterEach(async () => {
  await admin('DELETE', 'faults');
  await admin('DELETE', 'hits');
});

afterAll(async () => {
  await app?.close();
});

describe('CredfinApiClient against the provider simulator', () => {
  it('fetches every kind of artifact, signed, with the bytes the provider serves', async () => {
    const api = client();
    const [account] = accountsOf('961194');
    const cases: [ArtifactRef, string, Buffer][] = [
      [{ kind: 'bundle', applicationId: '961194' }, 'application/json', bundle('961194')],
      [
        { kind: 'application-report', applicationId: '961194' },
        'application/json',
        applicationReport('961194'),
      ],
      [{ kind: 'summary-pdf', applicationId: '961194' }, 'application/pdf', pdf('Credfin summary 961194')],
      [{ kind: 'summary-html', applicationId: '961194' }, 'text/html', html('Credfin summary 961194')],
      [
        { kind: 'analysis-report', analysisId: account!.analysisId },
        'application/json',
        analysisReport('961194', account!),
      ],
      [
        { kind: 'analysis-pdf', analysisId: account!.analysisId },
        'application/pdf',
        pdf(`Credfin analysis ${account!.analysisId}`),
      ],
      [
        { kind: 'analysis-html', analysisId: account!.analysisId },
        'text/html',
        html(`Credfin analysis ${account!.analysisId}`),
      ],
    ];
    try {
      for (const [ref, type, expected] of cases) {
        const artifact = await api.fetch(ref);
        expect(artifact.contentType).toContain(type);
        expect(artifact.contentLength).toBe(expected.length);
        expect(sha(await read(artifact.body))).toBe(sha(expected));
      }
      expect(
        (await read((await api.fetch({ kind: 'summary-pdf', applicationId: '1' })).body))
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    } finally {
      await api.close();
    }
  });

  it('tells a test which accounts an application has: the ones its signed reports name', async () => {
    const answer = await fetch(`${url}/admin/credfin/applications/961194`);
    const scenario = (await answer.json()) as {
      accounts: { analysisId: string; bsb: string; number: string }[];
    };
    const api = client();
    try {
      for (const account of scenario.accounts) {
        const report = JSON.parse(
          (
            await read((await api.fetch({ kind: 'analysis-report', analysisId: account.analysisId })).body)
          ).toString(),
        ) as { application_id: number; account: { bsb: string; number: string } };
        expect(report).toMatchObject({
          application_id: 961194,
          account: { bsb: account.bsb, number: account.number },
        });
      }
    } finally {
      await api.close();
    }
    expect(scenario.accounts).toHaveLength(2);
    expect((await fetch(`${url}/admin/credfin/applications/not-digits`)).status).toBe(404);
  });

  it('is refused (401, no retry) with a wrong secret, and the refusal names the status', async () => {
    const api = client({ CREDFIN_API_TOKEN_SECRET: 'not-the-secret-0123456789' });
    try {
      const error = await api.fetch({ kind: 'bundle', applicationId: '5' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredfinRejectedError);
      expect((error as CredfinRejectedError).status).toBe(401);
      expect((await admin('GET', 'hits'))?.['credfin /api/application/5/bundle']).toBe(1);
    } finally {
      await api.close();
    }
  });

  it('is refused when its Date is more than 5 minutes off', async () => {
    const config = loadCredfinApiConfig('credfin-api.int-spec', { CREDFIN_API_URL: url, ...TOKEN });
    const api = new CredfinApiClient(config, () => new Date(Date.now() - 10 * 60 * 1000));
    try {
      const error = await api.fetch({ kind: 'bundle', applicationId: '5' }).catch((e: unknown) => e);
      expect((error as CredfinRejectedError).status).toBe(401);
    } finally {
      await api.close();
    }
  });

  it('retries 503, 503 and succeeds; honours Retry-After on 429', async () => {
    const api = client();
    try {
      await admin('POST', 'faults', { failStatus: 503, failCount: 2 });
      const artifact = await api.fetch({ kind: 'application-report', applicationId: '77' });
      expect(sha(await read(artifact.body))).toBe(sha(applicationReport('77')));
      expect((await admin('GET', 'hits'))?.['credfin /api/application/77/report']).toBe(3);
      await admin('POST', 'faults', { failStatus: 429, failCount: 1, retryAfterSeconds: 1 });
      const started = Date.now();
      await read((await api.fetch({ kind: 'application-report', applicationId: '78' })).body);
      // The first back-off is about 200 ms; Retry-After asked for a second.
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect((await admin('GET', 'hits'))?.['credfin /api/application/78/report']).toBe(2);
      await admin('POST', 'faults', { failCount: 1, resetConnections: true });
      await read((await api.fetch({ kind: 'application-report', applicationId: '79' })).body);
      expect((await admin('GET', 'hits'))?.['credfin /api/application/79/report']).toBe(2);
    } finally {
      await api.close();
    }
  });

  it('a download cut short fails as Credfin being unavailable, not as the bytes being wrong', async () => {
    const api = client();
    try {
      await admin('POST', 'faults', { failCount: 1, truncateBodies: true });
      const artifact = await api.fetch({ kind: 'summary-pdf', applicationId: '80' });
      const error = await read(artifact.body).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredfinUnavailableError);
      expect((error as Error).message).toMatch(/download/);
    } finally {
      await api.close();
    }
  });

  it('refuses faults it does not understand, naming the field', async () => {
    for (const faults of [{ failStatus: 200 }, { failstatus: 503 }, { latencyMs: 'slow' }]) {
      const response = await fetch(`${url}/admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(faults),
      });
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(/failStatus|failstatus|latencyMs/);
    }
  });

  it('opens its breaker while Credfin keeps failing, then fails fast without calling it', async () => {
    const api = client();
    try {
      await admin('POST', 'faults', { failStatus: 502, failForMs: 60_000 });
      const first = await api.fetch({ kind: 'bundle', applicationId: '9' }).catch((e: unknown) => e);
      expect(first).toBeInstanceOf(CredfinUnavailableError);
      const second = await api.fetch({ kind: 'bundle', applicationId: '9' }).catch((e: unknown) => e);
      expect((second as Error).message).toMatch(/circuit is open/);
      expect(api.isAvailable()).toBe(false);
      const hits = (await admin('GET', 'hits'))?.['credfin /api/application/9/bundle'];
      await api.fetch({ kind: 'bundle', applicationId: '9' }).catch(() => undefined);
      expect((await admin('GET', 'hits'))?.['credfin /api/application/9/bundle']).toBe(hits);
    } finally {
      await api.close();
    }
  });
});
