import { createHash, randomBytes } from 'node:crypto';
import { CredfinApiClient, loadCredfinApiConfig, type ArtifactRef } from '@ledgerhook/credfin-api';
import {
  applicationStateSchema,
  dlqTopicName,
  reportSchema,
  TOPICS,
  type Report,
} from '@ledgerhook/contracts';
import { endOffsets, waitForGroupAtEnd, type EndOffsets } from '@ledgerhook/kafka/testing';
import {
  credfinLifeCycle,
  RETRIEVER_QUICK_BREAKER,
  sendCredfinWebhook,
  simulatedApplication,
} from './support/credfin-traffic';
import { OtlpReceiver } from './support/otlp-receiver';
import { SystemUnderTest } from './support/system-under-test';
import { until } from './support/until';

// End to end (issues 9 and 16): Credfin's signed webhooks at the ingress → webhooks.credfin.v1 → the
// report-retriever fetching from the provider simulator over HMAC → artifacts, lending.reports.v1 →
// the lifecycle-projector linking accounts → its read API and lending.applications.v1. Every app is
// its own process, built as in production, on a broker and a database of this suite's own.
jest.setTimeout(240_000);

const RETRIEVER_GROUP = 'report-retriever';
let system: SystemUnderTest;
let collector: OtlpReceiver;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const hits = async (): Promise<Record<string, number>> =>
  (await (await fetch(`${system.url('provider-simulator')}/admin/hits`)).json()) as Record<string, number>;
const faults = (body?: Record<string, unknown>) =>
  fetch(`${system.url('provider-simulator')}/admin/faults`, {
    method: body ? 'POST' : 'DELETE',
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
const records = (topic: string, from?: EndOffsets) => system.records(topic, from);
const reportsOf = async (applicationId: string): Promise<Report[]> =>
  (await records(TOPICS.reports))
    .map((record) => reportSchema.parse(JSON.parse(record.value?.toString() ?? '{}')))
    .filter((report) => report.applicationId === applicationId);
const send = async (webhooks: { event: string; payload: unknown }[]) => {
  for (const webhook of webhooks) {
    const status = await sendCredfinWebhook(system.url('ingress'), system.credentials.credfin, webhook);
    expect([webhook.event, status]).toEqual([webhook.event, 200]);
  }
};
/** The named events of an application's life cycle, in its order. */
const eventsOf = async (id: string, ...names: string[]) =>
  (await credfinLifeCycle(system.url('provider-simulator'), id)).filter((webhook) =>
    names.includes(webhook.event),
  );
const retrieverAtEnd = () => waitForGroupAtEnd(system.admin, RETRIEVER_GROUP, [TOPICS.credfinRaw], 90_000);

beforeAll(async () => {
  collector = await OtlpReceiver.start();
  system = await SystemUnderTest.start(
    ['provider-simulator', 'ingress', 'lifecycle-projector', 'report-retriever'],
    {
      kafkaPort: 19190,
      // Tracing on, as in the Kubernetes overlays, exporting to this suite's collector.
      env: collector.env,
      apps: {
        'report-retriever': { REPORT_RETRIEVER_GROUP_ID: RETRIEVER_GROUP, ...RETRIEVER_QUICK_BREAKER },
      },
    },
  );
}, 240_000);

afterAll(async () => {
  await system?.stop();
  await collector?.close();
});

afterEach(async () => {
  await faults(undefined);
});

describe('report retrieval from signed webhooks to downstream topics (every app a process)', () => {
  it("stores a whole application's artifacts once each, announces them, and links its accounts", async () => {
    const application = await simulatedApplication(system.url('provider-simulator'), '4711');
    await send(await credfinLifeCycle(system.url('provider-simulator'), '4711'));

    // Every artifact fetched exactly once: six per-account requests, four per application.
    const fetched = await until(hits, (h) => Object.keys(h).length >= 10);
    await retrieverAtEnd();
    const [a1, a2] = application.accounts.map((account) => account.analysisId);
    expect(await hits()).toEqual(
      Object.fromEntries(
        [
          ...[a1, a2].flatMap((a) => [
            `/api/analysis/${a}/report`,
            `/api/analysis/${a}/pdf`,
            `/api/analysis/${a}/html`,
          ]),
          '/api/application/4711/report',
          '/api/application/4711/summary/pdf',
          '/api/application/4711/summary/html',
          '/api/application/4711/bundle',
        ].map((path) => [`credfin ${path}`, 1]),
      ),
    );
    expect(Object.keys(fetched)).toHaveLength(10);

    // One lending.reports.v1 record per stored artifact; the bundle held nothing new.
    const reports = await until(
      () => reportsOf('4711'),
      (r) => r.length >= 10,
    );
    expect(reports.map((r) => `${r.kind}${r.analysisId ? `:${r.analysisId}` : ''}`).sort()).toEqual(
      [
        ...[a1, a2].flatMap((a) => [`analysis_report:${a}`, `analysis_pdf:${a}`, `analysis_html:${a}`]),
        'application_report',
        'summary_pdf',
        'summary_html',
        'bundle',
      ].sort(),
    );

    // The bytes served by the read API hash to what the simulator serves (fetched here over HMAC).
    const credfin = new CredfinApiClient(
      loadCredfinApiConfig('e2e', {
        CREDFIN_API_URL: system.url('provider-simulator'),
        CREDFIN_API_TOKEN_ID: system.credentials.env.CREDFIN_API_TOKEN_ID,
        CREDFIN_API_TOKEN_SECRET: system.credentials.env.CREDFIN_API_TOKEN_SECRET,
      }),
    );
    const refOf = (report: Report): ArtifactRef | undefined => {
      const perAccount = {
        analysis_report: 'analysis-report',
        analysis_pdf: 'analysis-pdf',
        analysis_html: 'analysis-html',
      } as const;
      const perApplication = {
        application_report: 'application-report',
        summary_pdf: 'summary-pdf',
        summary_html: 'summary-html',
        bundle: 'bundle',
      } as const;
      if (report.kind in perAccount && report.analysisId)
        return { kind: perAccount[report.kind as keyof typeof perAccount], analysisId: report.analysisId };
      if (report.kind in perApplication)
        return { kind: perApplication[report.kind as keyof typeof perApplication], applicationId: '4711' };
      return undefined;
    };
    try {
      for (const report of reports) {
        const ref = refOf(report);
        if (!ref) throw new Error(`no Credfin artifact for kind ${report.kind}`);
        const served = await credfin.fetch(ref);
        const chunks: Buffer[] = [];
        for await (const chunk of served.body) chunks.push(Buffer.from(chunk as Buffer));
        const downloaded = Buffer.from(
          await (await system.read('report-retriever', report.link)).arrayBuffer(),
        );
        expect([report.kind, sha256(downloaded)]).toEqual([report.kind, sha256(Buffer.concat(chunks))]);
        expect(report.sha256).toBe(sha256(downloaded));
      }
    } finally {
      await credfin.close();
    }

    // The application shows its accounts with balances and owner status, in the read API…
    const state = await until(
      async () =>
        (await system.read('lifecycle-projector', '/applications/4711')).json() as Promise<{
          status: string;
          accounts: { number: string; balance?: { amount: string }; owner?: { status: string } }[];
        }>,
      (body) => body.accounts?.length === 2 && body.accounts.every((a) => a.balance && a.owner),
    );
    expect(state.status).toBe('bundle_ready');
    expect(state.accounts.map((a) => [a.number, a.balance?.amount, a.owner?.status]).sort()).toEqual(
      application.accounts.map((account, i) => [account.number, `${200 + i}.50`, 'success']).sort(),
    );

    // …and on lending.applications.v1, without account numbers.
    const published = await until(
      async () =>
        (await records(TOPICS.applications))
          .map((record) => applicationStateSchema.parse(JSON.parse(record.value?.toString() ?? '{}')))
          .filter((s) => s.applicationId === '4711')
          .at(-1),
      (latest) =>
        (latest?.accounts.length ?? 0) === 2 &&
        !!latest?.accounts.every((a) => a.balance && a.ownerInfo === 'received'),
    );
    expect(published?.accounts.map((a) => a.last4).sort()).toEqual(
      application.accounts.map((a) => a.number.slice(-4)).sort(),
    );
    const topicText = (await records(TOPICS.applications)).map((r) => r.value?.toString()).join('\n');
    for (const account of application.accounts) expect(topicText).not.toContain(account.number);
  });

  it('stores an artifact after 503, 503, 200', async () => {
    await faults({ failStatus: 503, failCount: 2 });
    await send(await eventsOf('4712', 'summary.pdf_ready'));
    await until(
      () => reportsOf('4712'),
      (r) => r.length === 1,
    );
    expect((await hits())['credfin /api/application/4712/summary/pdf']).toBe(3);
  });

  it('pauses while Credfin fails for 30 s, dead-letters nothing, and fetches everything after', async () => {
    const dlq = await endOffsets(system.admin, dlqTopicName('report-retriever'));
    await faults({ failStatus: 503, failForMs: 30_000 });
    await send(await eventsOf('4713', 'application.report_ready', 'summary.pdf_ready', 'summary.html_ready'));
    // The breaker opens and the consumer pauses: /readyz names Credfin.
    const ready = await until(
      async () => {
        const response = await fetch(`${system.url('report-retriever')}/readyz`);
        return {
          status: response.status,
          body: (await response.json()) as { reasons?: Record<string, string> },
        };
      },
      (answer) => /credfin/i.test(answer.body.reasons?.['consumer'] ?? ''),
    );
    expect(ready.status).toBe(503);
    const reports = await until(
      () => reportsOf('4713'),
      (r) => r.length === 3,
      90_000,
    );
    expect(reports.map((r) => r.kind).sort()).toEqual(['application_report', 'summary_html', 'summary_pdf']);
    await retrieverAtEnd();
    expect(await endOffsets(system.admin, dlqTopicName('report-retriever'))).toEqual(dlq);
  });

  it('replaying the raw topic from the beginning under a new group fetches nothing new', async () => {
    await retrieverAtEnd();
    const before = await hits();
    const retriever = system.app('report-retriever');
    await retriever.stop();
    await retriever.start({ REPORT_RETRIEVER_GROUP_ID: 'report-retriever-replay' });
    await waitForGroupAtEnd(system.admin, 'report-retriever-replay', [TOPICS.credfinRaw], 120_000);
    expect(await hits()).toEqual(before);
  });

  it('a request Credfin refuses with 401 lands in the DLQ with its reason', async () => {
    const dlq = await endOffsets(system.admin, dlqTopicName('report-retriever'));
    await faults({ failStatus: 401, failForMs: 120_000 });
    await send(await eventsOf('4714', 'summary.html_ready'));
    const dead = await until(
      () => records(dlqTopicName('report-retriever'), dlq),
      (letters) => letters.length >= 1,
    );
    expect(dead.map((letter) => letter.headers['dlq_error']?.toString())).toEqual([
      expect.stringContaining('401'),
    ]);
    expect(JSON.stringify(dead.map((letter) => letter.headers))).not.toContain(
      system.credentials.env.CREDFIN_API_TOKEN_SECRET,
    );
  });
});

describe('one trace from the provider request to lending.applications.v1 (OpenTelemetry)', () => {
  it("continues the provider's traceparent through the ingress and the projector into the record", async () => {
    const traceId = randomBytes(16).toString('hex');
    const providerSpan = randomBytes(8).toString('hex');
    const [webhook] = await eventsOf('4720', 'crawler.seed_created');
    const answer = await fetch(`${system.url('ingress')}/webhooks/credfin`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${providerSpan}-01`,
        authorization: `Basic ${Buffer.from(`${system.credentials.credfin.username}:${system.credentials.credfin.password}`).toString('base64')}`,
      },
      body: JSON.stringify(webhook),
    });
    expect(answer.status).toBe(200);

    const published = await until(
      async () =>
        (await records(TOPICS.applications)).filter(
          (record) => JSON.parse(record.value?.toString() ?? '{}').applicationId === '4720',
        ),
      (found) => found.length > 0,
    );
    const recordTraceparent = published[0]?.headers['ce_traceparent']?.toString() ?? '';
    const [, recordTrace, recordParent] = recordTraceparent.split('-');
    expect(recordTrace).toBe(traceId);

    // The ingress's request span is a child of the provider's; the projector's span continues the
    // trace, and the published record names the projector's span as its parent.
    const spans = await until(
      async () => collector.spans.filter((span) => span.traceId === traceId),
      (found) => found.some((span) => span.service === 'lifecycle-projector' && span.spanId === recordParent),
    );
    const services = new Set(spans.map((span) => span.service));
    expect(services.has('ingress')).toBe(true);
    expect(
      spans.find((span) => span.service === 'ingress' && span.parentSpanId === providerSpan),
    ).toBeDefined();
    const raw = (await records(TOPICS.credfinRaw)).find((record) =>
      record.headers['ce_traceparent']?.toString().includes(traceId),
    );
    const rawParent = raw?.headers['ce_traceparent']?.toString().split('-')[2];
    expect(spans.find((span) => span.spanId === rawParent)?.service).toBe('ingress');
    const projectorSpan = spans.find((span) => span.spanId === recordParent);
    expect(projectorSpan).toMatchObject({ service: 'lifecycle-projector', parentSpanId: rawParent });
  });
});
