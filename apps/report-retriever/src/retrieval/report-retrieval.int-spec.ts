import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { KafkaBatchTransport } from '@ledgerhook/consumer';
import { dlqTopicName, reportSchema, TOPICS, type TopicSpec } from '@ledgerhook/contracts';
import { rawProviderRecord, TEST_ACCOUNT_REF_KEY, TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import { databaseUrlFor, dropDatabase, loadDatabaseConfig } from '@ledgerhook/database';
import {
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  loadKafkaConfig,
} from '@ledgerhook/kafka';
import { endOffsets, readBetween, waitForGroupAtEnd, type EndOffsets } from '@ledgerhook/kafka/testing';
import { createLogger } from '@ledgerhook/platform';
import {
  fetchServiceEndpoints,
  startServiceForTest,
  TEST_READ_API_TOKENS,
  TEST_READ_API_TOKENS_VARIABLE,
  walkReadApi,
} from '@ledgerhook/platform/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { loadReportRetrieverConfig } from '../config/report-retriever.config';
import { ReportRetrieverModule } from '../report-retriever.module';
import { type SimulatorProcess, startProviderSimulator } from '../testing/provider-simulator.process';

// report-retriever end to end: Credfin's ready events as the ingress publishes them, the provider
// simulator as Credfin (over HTTP, HMAC-checked), the real broker and PostgreSQL.
const logger = createLogger('report-retriever', 'silent');
const kafka: Kafka = createKafkaClient(loadKafkaConfig('report-retrieval.int-spec'), logger);
const suffix = randomBytes(3).toString('hex');
const RAW = `webhooks.it-rr-credfin-${suffix}.v1`;
const TOKEN = { id: 'it-token', secret: `it-secret-${randomBytes(8).toString('hex')}` };
const baseUrl = loadDatabaseConfig('report-retrieval.int-spec').url;
const database = `ledgerhook_it_rr_${suffix}`;
const APP = '5310';
const VSID = `SIM-${APP}`;
const [A1, A2] = [`${APP}1`, `${APP}2`];
const AUTH = { authorization: `Bearer ${TEST_READ_API_TOKENS.full}` };
/** The read API, with the test's token. */
const read = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { headers: { ...AUTH, ...headers } });

const record = (event: string, payload: Record<string, unknown>) =>
  rawProviderRecord('credfin', { event, payload });
const application = (event: string, id = APP) =>
  record(event, {
    id: Number(id),
    vendor_specific_id: `SIM-${id}`,
    timestamp: '2026-11-23T10:00:00.000000+11:00',
  });
const analysis = (event: string, id: string, vsid = VSID) =>
  record(event, { id: Number(id), time: '2026-11-23T10:00:01.000000+11:00', vendor_specific_id: vsid });

describe('report-retriever (real Kafka, PostgreSQL and the provider simulator)', () => {
  let admin: Admin;
  let producer: Producer;
  let simulator: SimulatorProcess;
  let reportsBefore: EndOffsets;
  const apps: INestApplication[] = [];

  const start = async (groupId: string, env: Record<string, string> = {}) => {
    const config = {
      ...loadReportRetrieverConfig({
        ...process.env,
        DATABASE_URL: databaseUrlFor(baseUrl, database),
        CREDFIN_API_URL: simulator.url,
        CREDFIN_API_TOKEN_ID: TOKEN.id,
        CREDFIN_API_TOKEN_SECRET: TOKEN.secret,
        CREDFIN_API_RETRIES: '2',
        CREDFIN_API_BREAKER_FAILURES: '3',
        CREDFIN_API_BREAKER_HALF_OPEN_MS: '1000',
        REPORT_RETRIEVER_GROUP_ID: groupId,
        READ_API_TOKENS: TEST_READ_API_TOKENS_VARIABLE,
        ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
        ...env,
      }),
      topicOverrides: { [TOPICS.credfinRaw]: RAW },
    };
    const app = await startServiceForTest({
      service: 'report-retriever',
      module: ReportRetrieverModule.forRoot(config, kafka, logger),
      logger,
      microservice: (nest) => nest.get(KafkaBatchTransport),
    });
    apps.push(app);
    return app;
  };
  const stop = async (app: INestApplication) => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };
  const send = (records: ReturnType<typeof record>[]) =>
    producer.send({ topic: RAW, acks: -1, messages: records });
  const reports = async () =>
    (await readBetween(kafka, TOPICS.reports, reportsBefore, await endOffsets(admin, TOPICS.reports)))
      .map((r) => reportSchema.parse(JSON.parse(r.value?.toString() ?? '{}')))
      .filter((report) => report.applicationId === APP || report.applicationId === '7310');

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    const spec: TopicSpec = {
      name: RAW,
      partitions: 2,
      retentionMs: -1,
      cleanupPolicy: 'delete',
      key: 'k',
      description: 'd',
    };
    await ensureTopics(admin, [spec]);
    producer = createIdempotentProducer(kafka);
    await producer.connect();
    simulator = await startProviderSimulator(TOKEN);
    reportsBefore = await endOffsets(admin, TOPICS.reports).catch(() => new Map());
  });

  afterEach(async () => {
    for (const app of [...apps]) await stop(app);
  });

  afterAll(async () => {
    await simulator?.stop();
    await producer?.disconnect();
    await admin.deleteTopics({ topics: [RAW] }).catch(() => undefined);
    await admin.disconnect();
    await dropDatabase(databaseUrlFor(baseUrl, database));
  });

  it('stores every artifact of an application exactly once, announces each, and serves the bytes', async () => {
    await send([
      analysis('analysis.report_ready', A1),
      analysis('analysis.pdf_ready', A1),
      analysis('analysis.html_ready', A2),
      application('application.report_ready'),
      application('summary.pdf_ready'),
      application('summary.html_ready'),
      application('application.bundle_ready'),
      // Delivered twice (a provider retry): fetched once.
      analysis('analysis.report_ready', A1),
    ]);
    const app = await start(`it-rr-${suffix}`);
    await waitForGroupAtEnd(admin, `it-rr-${suffix}`, [RAW], 30_000);

    const hits = await simulator.hits();
    for (const [path, count] of Object.entries(hits)) expect([path, count]).toEqual([path, 1]);
    expect(Object.keys(hits).sort()).toEqual(
      [
        `credfin /api/analysis/${A1}/report`,
        `credfin /api/analysis/${A1}/pdf`,
        `credfin /api/analysis/${A2}/report`,
        `credfin /api/analysis/${A2}/html`,
        `credfin /api/application/${APP}/report`,
        `credfin /api/application/${APP}/summary/pdf`,
        `credfin /api/application/${APP}/summary/html`,
        `credfin /api/application/${APP}/bundle`,
      ].sort(),
    );

    // One record per stored artifact; the bundle adds only what was not stored already.
    await waitForGroupAtEnd(admin, `it-rr-${suffix}`, [RAW], 30_000);
    let announced = await reports();
    for (let i = 0; i < 100 && announced.length < 10; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      announced = await reports();
    }
    const kinds = announced.map((r) => `${r.kind}${r.analysisId ? `:${r.analysisId}` : ''}`).sort();
    expect(kinds).toEqual(
      [
        `analysis_report:${A1}`,
        `analysis_pdf:${A1}`,
        `analysis_report:${A2}`,
        `analysis_html:${A2}`,
        'application_report',
        'summary_pdf',
        'summary_html',
        'bundle',
        // From the bundle: the two per-account artifacts not fetched one by one.
        `analysis_html:${A1}`,
        `analysis_pdf:${A2}`,
      ].sort(),
    );
    for (const report of announced) {
      expect(report.applicationId).toBe(APP);
      if (report.analysisId) {
        expect(report.accountRef).toMatch(/^acct:/);
        expect(report.accountLast4).toMatch(/^\d{4}$/);
      }
    }
    // No account number on the topic: only its reference and last 4 digits.
    const base = await app.getUrl();
    for (const report of announced.filter((r) => r.kind === 'analysis_report')) {
      const content = (await (await read(`${base}${report.link}`)).json()) as {
        account: { bsb: string; number: string };
      };
      expect(content.account.number.endsWith(report.accountLast4 ?? '')).toBe(true);
      // The keyed reference of ACCOUNT_REF_KEY, the one the lifecycle-projector computes.
      expect(report.accountRef).toBe(TEST_ACCOUNT_REFS.of(content.account.bsb, content.account.number));
      for (const other of announced) expect(JSON.stringify(other)).not.toContain(content.account.number);
    }

    // The read API serves each artifact's bytes, hashing to what was announced; ETag answers 304.
    const listing = (await (await read(`${base}/applications/${VSID}/artifacts`)).json()) as {
      artifacts: unknown[];
    };
    expect(listing.artifacts).toHaveLength(announced.length);
    for (const report of announced) {
      const response = await read(`${base}${report.link}`);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(report.sha256);
      expect(response.headers.get('content-type')).toContain(report.contentType.split(';')[0]);
      const again = await read(`${base}${report.link}`, { 'if-none-match': `"${report.sha256}"` });
      expect(again.status).toBe(304);
    }
    // Every route of the read API's OpenAPI file: 401 without a token, 403 without a scope (the
    // content of an artifact needs pii:read); probes open.
    expect(
      await walkReadApi({
        openapi: path.join(__dirname, '../../openapi.yaml'),
        baseUrl: base,
        tokens: TEST_READ_API_TOKENS,
        paths: {
          '/applications/{id}/artifacts': `/applications/${VSID}/artifacts`,
          '/artifacts/{id}': announced[0]?.link ?? '/artifacts/none',
        },
      }),
    ).toEqual([]);
    const endpoints = await fetchServiceEndpoints(app);
    expect(endpoints.healthz).toBe(200);
    expect(endpoints.readyz.status).toBe(200);
    expect(Object.keys(endpoints.readyz.body.checks).sort()).toEqual(['consumer', 'database', 'kafka']);
    expect(endpoints.metrics.body).toContain('consumer_events_applied_total');
    const pdf = announced.find((r) => r.kind === 'summary_pdf');
    const body = Buffer.from(await (await read(`${base}${pdf?.link}`)).arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    await stop(app);

    // Replaying the topic from the beginning under a new group fetches nothing new.
    await start(`it-rr-replay-${suffix}`);
    await waitForGroupAtEnd(admin, `it-rr-replay-${suffix}`, [RAW], 30_000);
    expect(await simulator.hits()).toEqual(hits);
  });

  it('dead-letters an event Credfin refuses, with the status, and handles the next one', async () => {
    const dlqBefore = await endOffsets(admin, dlqTopicName('report-retriever'));
    const refused = analysis('analysis.report_ready', '5'); // the simulator knows no analysis 5: 404
    await send([refused, application('summary.pdf_ready', '7310')]);
    const app = await start(`it-rr-${suffix}`);
    await waitForGroupAtEnd(admin, `it-rr-${suffix}`, [RAW], 30_000);
    const dead = await readBetween(
      kafka,
      dlqTopicName('report-retriever'),
      dlqBefore,
      await endOffsets(admin, dlqTopicName('report-retriever')),
    );
    expect(dead.map((r) => r.headers['dlq_error']?.toString())).toEqual([expect.stringContaining('404')]);
    // The refused event's chunk mate was stored (it may have been fetched twice: the chunk that held
    // both was rolled back once, before the refused event was isolated).
    const listing = await read(`${await app.getUrl()}/applications/7310/artifacts`);
    expect(
      ((await listing.json()) as { artifacts: { kind: string }[] }).artifacts.map((a) => a.kind),
    ).toEqual(['summary_pdf']);
  });

  it('pauses while Credfin is down, dead-letters nothing, and fetches everything once it is back', async () => {
    const dlqBefore = await endOffsets(admin, dlqTopicName('report-retriever'));
    await simulator.faults({ failStatus: 503, failForMs: 60_000 });
    const app = await start(`it-rr-${suffix}`);
    await send([application('summary.html_ready', '7310')]);
    const base = await app.getUrl();
    for (let i = 0; i < 300; i++) {
      const body = (await (await fetch(`${base}/readyz`)).json()) as { reasons?: Record<string, string> };
      if (/credfin/i.test(body.reasons?.['consumer'] ?? '')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    await simulator.faults(undefined);
    await waitForGroupAtEnd(admin, `it-rr-${suffix}`, [RAW], 60_000);
    expect(await endOffsets(admin, dlqTopicName('report-retriever'))).toEqual(dlqBefore);
    expect((await read(`${base}/applications/7310/artifacts`)).status).toBe(200);
  });

  it('stores an artifact after 503, 503, 200; a request Credfin refuses with 401 lands in the DLQ', async () => {
    await simulator.faults({ failStatus: 503, failCount: 2 });
    await send([application('summary.pdf_ready', '7311')]);
    const app = await start(`it-rr-${suffix}`);
    await waitForGroupAtEnd(admin, `it-rr-${suffix}`, [RAW], 30_000);
    expect((await simulator.hits())['credfin /api/application/7311/summary/pdf']).toBe(3);
    expect((await read(`${await app.getUrl()}/applications/7311/artifacts`)).status).toBe(200);
    await stop(app);

    const dlqBefore = await endOffsets(admin, dlqTopicName('report-retriever'));
    await send([application('summary.pdf_ready', '7312')]);
    await start(`it-rr-${suffix}`, { CREDFIN_API_TOKEN_SECRET: 'a-secret-credfin-does-not-know' });
    await waitForGroupAtEnd(admin, `it-rr-${suffix}`, [RAW], 30_000);
    const dead = await readBetween(
      kafka,
      dlqTopicName('report-retriever'),
      dlqBefore,
      await endOffsets(admin, dlqTopicName('report-retriever')),
    );
    expect(dead.map((r) => r.headers['dlq_error']?.toString())).toEqual([expect.stringContaining('401')]);
  });
});
