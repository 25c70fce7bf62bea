import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { TEST_ACCOUNT_REF_KEY, TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import {
  applicationStateSchema,
  buildCloudEventHeaders,
  dlqTopicName,
  reportSchema,
  TOPICS,
  type ApplicationState,
  type TopicSpec,
} from '@ledgerhook/contracts';
import { databaseUrlFor, dropDatabase, loadDatabaseConfig } from '@ledgerhook/database';
import { KafkaBatchTransport } from '@ledgerhook/consumer';
import {
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  loadKafkaConfig,
} from '@ledgerhook/kafka';
import { endOffsets, readBetween, waitForGroupAtEnd, type EndOffsets } from '@ledgerhook/kafka/testing';
import { createLogger } from '@ledgerhook/platform';
import { freePort, startServiceForTest } from '@ledgerhook/platform/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { loadLifecycleProjectorConfig } from '../config/lifecycle-projector.config';
import { LifecycleProjectorModule } from '../lifecycle-projector.module';

// Issue 11, end to end from SIGNED webhooks: the real ingress (its own process, started from source:
// apps never import apps) verifies and publishes to the raw topics; the projector consumes them and
// the account reports of a suite-own lending.reports.v1 topic (what the report-retriever publishes),
// and every assertion reads the read API, lending.applications.v1 or the DLQ.

const root = path.resolve(__dirname, '../../../..');
const logger = createLogger('lifecycle-projector', 'silent');
const kafka: Kafka = createKafkaClient(loadKafkaConfig('ingress-to-projection.int-spec'), logger);
const suffix = randomBytes(3).toString('hex');
const REPORTS = `lending.it-reports-${suffix}.v1`;
const CREDFIN = { username: 'it-credfin', password: 'it-credfin-password' };
const BRIDGE_SECRET = 'it-bridge-secret';
const READ_TOKEN = 'it-read-token-0123456789abcdef';
const AUTH = { authorization: `Bearer ${READ_TOKEN}` };
const baseUrl = loadDatabaseConfig('ingress-to-projection.int-spec').url;
const database = `ledgerhook_it_i2p_${suffix}`;
const group = `it-i2p-${suffix}`;
// Application ids of this run only: the raw topics are shared with every other suite.
// Steps of 10: a case's analysis ids are its application id + 1, + 2.
let nextId = randomInt(10_000_000, 90_000_000) * 10;
const newApplicationId = () => (nextId += 10);
const at = (second: number) => `2026-01-05T09:00:${String(second).padStart(2, '0')}.000000+11:00`;

/** The ingress as deployed: its own process, real verification, real publishing. */
async function startIngress(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/ingress/src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      SWC_NODE_PROJECT: path.join(root, 'tsconfig.json'),
      LOG_LEVEL: 'silent',
      PORT: String(port),
      METRICS_PORT: '0',
      HOST: '127.0.0.1',
      // A spool of its own: suites run side by side.
      SPOOL_DIR: mkdtempSync(path.join(tmpdir(), 'ingress-spool-')),
      ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
      CREDFIN_WEBHOOK_USERNAME: CREDFIN.username,
      CREDFIN_WEBHOOK_PASSWORD: CREDFIN.password,
      CREDITCHEK_WEBHOOK_SECRETS: 'it-creditchek-secret',
      BRIDGE_WEBHOOK_SECRETS: BRIDGE_SECRET,
      SHUTDOWN_DELAY_MS: '0',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the ingress exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGTERM');
  throw new Error('the ingress did not become ready within 60 s');
}

const spec = (name: string): TopicSpec => ({
  name,
  partitions: 3,
  retentionMs: -1,
  cleanupPolicy: 'delete',
  key: 'k',
  description: 'd',
});

describe('lifecycle projection from signed webhooks at the ingress (issue 11)', () => {
  let admin: Admin;
  let producer: Producer;
  let ingress: { url: string; child: ChildProcess };
  let projector: INestApplication;
  let dlqBefore: EndOffsets;

  async function postCredfin(body: unknown): Promise<void> {
    const raw = Buffer.from(JSON.stringify(body));
    const basic = Buffer.from(`${CREDFIN.username}:${CREDFIN.password}`).toString('base64');
    const response = await fetch(`${ingress.url}/webhooks/credfin`, {
      method: 'POST',
      body: raw,
      headers: { 'content-type': 'application/json', authorization: `Basic ${basic}` },
    });
    expect(response.status).toBe(200);
  }

  async function postBridge(body: unknown): Promise<void> {
    const raw = Buffer.from(JSON.stringify(body));
    const signature = createHmac('sha256', BRIDGE_SECRET).update(raw).digest('hex').toUpperCase();
    const response = await fetch(`${ingress.url}/webhooks/bridge`, {
      method: 'POST',
      body: raw,
      headers: { 'content-type': 'application/json', 'bridgeapi-signature': `v1=${signature}` },
    });
    expect(response.status).toBe(200);
  }

  /** What the report-retriever publishes once it stored an account's report JSON. */
  async function publishAccountReport(
    applicationId: number,
    analysisId: number,
    account: { bsb: string; number: string },
  ): Promise<void> {
    const artifactId = `0196a000-0000-7000-8000-${randomBytes(6).toString('hex')}`;
    const value = reportSchema.parse({
      provider: 'credfin',
      artifactId,
      applicationId: String(applicationId),
      analysisId: String(analysisId),
      accountRef: TEST_ACCOUNT_REFS.of(account.bsb, account.number),
      accountLast4: account.number.slice(-4),
      kind: 'analysis_report',
      contentType: 'application/json',
      sha256: 'b'.repeat(64),
      sizeBytes: 10,
      fetchedAt: new Date().toISOString(),
      link: `/artifacts/${artifactId}`,
      sourceCeId: `0196a000-0000-7000-8000-${randomBytes(6).toString('hex')}`,
    });
    const headers = buildCloudEventHeaders({
      source: 'report-retriever',
      eventName: 'artifact.stored',
      subject: `artifact:${artifactId}`,
      dedupKey: `report-retriever:artifact.stored:artifact:${artifactId}`,
      receivedAt: new Date(),
    });
    await producer.send({
      topic: REPORTS,
      acks: -1,
      messages: [{ key: String(applicationId), value: JSON.stringify(value), headers }],
    });
  }

  const settle = () =>
    waitForGroupAtEnd(admin, group, [TOPICS.credfinRaw, TOPICS.bridgeRaw, REPORTS], 60_000);

  async function getJson(route: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${await projector.getUrl()}${route}`, { headers: AUTH });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function application(id: number): Promise<Record<string, unknown>> {
    const { status, body } = await getJson(`/applications/${id}`);
    expect(status).toBe(200);
    return body;
  }

  /** Dead letters written since the suite caught up with the topics' backlog. */
  async function deadLetters(): Promise<string[]> {
    const topic = dlqTopicName('lifecycle-projector');
    const records = await readBetween(kafka, topic, dlqBefore, await endOffsets(admin, topic));
    return records.map((record) => record.headers['dlq_error']?.toString() ?? '?');
  }

  /** The newest lending.applications.v1 value of an application (highest version). */
  async function publishedState(id: number, since: EndOffsets): Promise<ApplicationState | undefined> {
    const records = await readBetween(
      kafka,
      TOPICS.applications,
      since,
      await endOffsets(admin, TOPICS.applications),
    );
    const states = records
      .filter((record) => record.key?.toString() === String(id))
      .map((record) => applicationStateSchema.parse(JSON.parse(record.value?.toString() ?? '{}')));
    return states.sort((a, b) => a.version - b.version).pop();
  }

  function applicationPayload(
    id: number,
    vsid: string | null,
    time: number,
    crawlers: { uuid: string; bank: number; status: string; time: number }[],
  ) {
    return {
      id,
      ...(vsid === null ? {} : { vendor_specific_id: vsid }),
      // As in seed 000: the application's timestamp is the same on every one of its events.
      timestamp: at(time),
      crawler: crawlers.map((crawler) => ({
        uuid: crawler.uuid,
        application: id,
        bank_id: crawler.bank,
        timestamp: at(crawler.time),
        status: crawler.status,
      })),
    };
  }

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [spec(REPORTS)]);
    producer = createIdempotentProducer(kafka);
    await producer.connect();
    ingress = await startIngress();
    projector = await startServiceForTest({
      service: 'lifecycle-projector',
      module: LifecycleProjectorModule.forRoot(
        {
          ...loadLifecycleProjectorConfig({
            ...process.env,
            DATABASE_URL: databaseUrlFor(baseUrl, database),
            SEED_ENCRYPTION_KEYS: `it:${randomBytes(32).toString('base64')}`,
            LIFECYCLE_PROJECTOR_GROUP_ID: group,
            ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
            READ_API_TOKENS: `it-reader:${READ_TOKEN}:read+pii:read`,
          }),
          topicOverrides: { [TOPICS.reports]: REPORTS },
        },
        kafka,
        logger,
      ),
      logger,
      microservice: (app) => app.get(KafkaBatchTransport),
    });
    // Whatever other suites left in the raw topics is consumed first; dead letters count from here.
    await settle();
    dlqBefore = await endOffsets(admin, dlqTopicName('lifecycle-projector')).catch(() => new Map());
  }, 120_000);

  afterAll(async () => {
    await projector?.close();
    if (ingress) {
      const exited = new Promise((resolve) => ingress.child.once('exit', resolve));
      ingress.child.kill('SIGTERM');
      await exited;
    }
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [REPORTS] }).catch(() => undefined);
    await admin?.disconnect();
    await dropDatabase(databaseUrlFor(baseUrl, database));
  });

  it('item 1: a bank abandoned (TIMEDOUT) while another is completed is no failure; all crawlers failing is', async () => {
    const id = newApplicationId();
    const vsid = `I11-1-${id}`;
    const bankA = { uuid: `a0000000-0000-4000-8000-${String(id).padStart(12, '0')}`, bank: 11 };
    const bankB = { uuid: `b0000000-0000-4000-8000-${String(id).padStart(12, '0')}`, bank: 22 };
    const lifecycle = (crawler: typeof bankA, status: string, time: number) =>
      postCredfin({
        event: 'crawler.lifecycle_updated',
        payload: applicationPayload(id, vsid, 1, [{ ...crawler, status, time }]),
      });
    await lifecycle(bankA, 'AUTH', 1);
    await lifecycle(bankB, 'AUTH', 2);
    await lifecycle(bankB, 'RELEASED', 3);
    await lifecycle(bankA, 'TIMEDOUT', 4);
    await settle();
    // Bank B released: bank A was abandoned, the application has not failed.
    let body = await application(id);
    expect({ status: body['status'], failureReason: body['failureReason'] }).toEqual({
      status: 'released',
      failureReason: null,
    });

    await lifecycle(bankB, 'COMPLETED', 5);
    await postCredfin({
      event: 'application.bundle_ready',
      payload: { ...applicationPayload(id, vsid, 1, [{ ...bankB, status: 'COMPLETED', time: 5 }]) },
    });
    await settle();
    body = await application(id);
    expect({ status: body['status'], failureReason: body['failureReason'] }).toEqual({
      status: 'bundle_ready',
      failureReason: null,
    });
    // Each crawler keeps its own history.
    const crawlers = body['crawlers'] as { uuid: string; history: { status: string }[] }[];
    const history = Object.fromEntries(
      crawlers.map((crawler) => [crawler.uuid, crawler.history.map((change) => change.status)]),
    );
    expect(history).toEqual({
      [bankA.uuid]: ['AUTH', 'TIMEDOUT'],
      [bankB.uuid]: ['AUTH', 'RELEASED', 'COMPLETED'],
    });
    const timeline = await getJson(`/applications/${id}/timeline`);
    expect(timeline.body['crawlers']).toEqual(body['crawlers']);

    // Every crawler timed out and nothing later: timed out, with the reason; a later success clears it.
    const lone = newApplicationId();
    const bankC = { uuid: `c0000000-0000-4000-8000-${String(lone).padStart(12, '0')}`, bank: 33 };
    const bankD = { uuid: `d0000000-0000-4000-8000-${String(lone).padStart(12, '0')}`, bank: 44 };
    await postCredfin({
      event: 'crawler.lifecycle_updated',
      payload: applicationPayload(lone, `I11-1-${lone}`, 1, [{ ...bankC, status: 'TIMEDOUT', time: 2 }]),
    });
    await settle();
    body = await application(lone);
    expect(body['status']).toBe('timed_out');
    expect(body['failureReason']).toMatch(/TIMEDOUT/);
    await postCredfin({
      event: 'crawler.lifecycle_updated',
      payload: applicationPayload(lone, `I11-1-${lone}`, 1, [{ ...bankD, status: 'RELEASED', time: 3 }]),
    });
    await settle();
    body = await application(lone);
    expect({ status: body['status'], failureReason: body['failureReason'] }).toEqual({
      status: 'released',
      failureReason: null,
    });
    expect(await deadLetters()).toEqual([]);
  }, 120_000);

  it('item 2: every tolerant-reader variant is projected and nothing goes to the DLQ', async () => {
    const id = newApplicationId();
    const crawler = `e0000000-0000-4000-8000-${String(id).padStart(12, '0')}`;
    // An account of this run only: accounts are keyed by BSB and number across applications, and the
    // shared raw topics hold other suites' events for the seed fixtures' accounts.
    const number = String(id).slice(-8);
    // A crawler-shaped seed_created / lifecycle_updated: the crawler itself, not the application.
    await postCredfin({
      event: 'crawler.lifecycle_updated',
      payload: { uuid: crawler, application: id, bank_id: 7, timestamp: at(1), status: 'AUTH' },
    });
    await postCredfin({
      event: 'crawler.seed_created',
      payload: { uuid: crawler, application: id, bank_id: 7, timestamp: at(2), status: 'RELEASED' },
    });
    // The seed's own spelling of numbers_ready, with a BSB written with a space, then with a dash.
    await postCredfin({
      event: 'application.account.numbers_ready',
      payload: { id, timestamp: at(3), accounts: [{ bsb: '062 692', number }] },
    });
    await postCredfin({
      event: 'account.balances_ready',
      payload: {
        id,
        timestamp: at(4),
        accounts: [{ bsb: '062-692', number, available: '10.00', balance: '12.50' }],
      },
    });
    // Account-owner messages with null errorMessage / fileLocation.
    await postCredfin({
      status: 'failed',
      fileLocation: null,
      messageType: 'account_owner_info',
      errorMessage: null,
      accountOwnerInfo: { bsb: '062692', number, address: [], owners: [], email: [], phone: [] },
    });
    // Bridge account_types as an array.
    const item = id;
    await postBridge({
      type: 'item.refreshed',
      timestamp: Date.now(),
      content: {
        item_id: item,
        user_uuid: '766b2f5d-a942-492c-9ea7-2e5aa88cb672',
        account_types: ['payment', 'savings'],
        full_refresh: true,
        refresh_trigger: 'api',
        status_code: 0,
        status_code_info: null,
      },
    });
    await settle();

    expect(await deadLetters()).toEqual([]);
    const body = await application(id);
    expect(body['status']).toBe('balances_known');
    expect((body['crawlers'] as { uuid: string; status: string }[]).map((c) => [c.uuid, c.status])).toEqual([
      [crawler, 'RELEASED'],
    ]);
    const accounts = body['accounts'] as {
      bsb: string;
      balance: unknown;
      owner: { status: string; errorMessage: unknown } | null;
    }[];
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({
      bsb: '062692',
      balance: { amount: '12.50', currency: 'AUD' },
      owner: { status: 'failed', errorMessage: null },
    });
    const bridge = await getJson(`/bridge/items/${item}`);
    expect(bridge.status).toBe(200);
    expect((bridge.body['status'] as Record<string, unknown>)['accountTypes']).toBe('payment,savings');
    // The alias and the crawler-shaped events are in the application's timeline.
    const timeline = await getJson(`/applications/${id}/timeline`);
    expect((timeline.body['entries'] as { eventType: string }[]).map((e) => e.eventType)).toEqual(
      expect.arrayContaining([
        'application.account.numbers_ready',
        'crawler.seed_created',
        'crawler.lifecycle_updated',
      ]),
    );
  }, 120_000);

  it('item 3: a balance survives a later event without one (Credfin and Bridge)', async () => {
    const id = newApplicationId();
    const account = { bsb: '325185', number: String(id) };
    await postCredfin({
      event: 'account.balances_ready',
      payload: { id, timestamp: at(5), accounts: [{ ...account, available: '3.98', balance: '4.50' }] },
    });
    await postCredfin({
      event: 'account.balances_ready',
      payload: { id, timestamp: at(9), accounts: [account] },
    });
    const item = id;
    const user = '766b2f5d-a942-492c-9ea7-2e5aa88cb672';
    await postBridge({
      type: 'item.account.created',
      timestamp: 1_767_600_000_000,
      content: { account_id: id, balance: 1678.12, item_id: item, user_uuid: user },
    });
    await postBridge({
      type: 'item.account.updated',
      timestamp: 1_767_600_060_000,
      content: { account_id: id, item_id: item, user_uuid: user, nb_new_transactions: 3 },
    });
    await settle();

    const accounts = (await application(id))['accounts'] as { balance: unknown; available: unknown }[];
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({
      available: { amount: '3.98', currency: 'AUD' },
      balance: { amount: '4.50', currency: 'AUD' },
    });
    const bridge = await getJson(`/bridge/items/${item}`);
    const bridgeAccounts = bridge.body['accounts'] as { balance: unknown; transactions: unknown }[];
    expect(bridgeAccounts[0]).toMatchObject({
      balance: { amount: '1678.12', currency: 'EUR' },
      transactions: { new: 3 },
    });
    expect(await deadLetters()).toEqual([]);
  }, 120_000);

  it('item 4: a two-account application has its report JSON only once both accounts have theirs', async () => {
    const id = newApplicationId();
    const vsid = `I11-4-${id}`;
    const first = { bsb: '123456', number: `1${id}` };
    const second = { bsb: '123456', number: `2${id}` };
    const since = await endOffsets(admin, TOPICS.applications);
    await postCredfin({
      event: 'account.numbers_ready',
      payload: { id, vendor_specific_id: vsid, timestamp: at(1), accounts: [first, second] },
    });
    // Account 1's analysis is ready and its report stored; account 2's not yet.
    await postCredfin({
      event: 'analysis.report_ready',
      payload: { id: id + 1, time: at(10), vendor_specific_id: vsid, timestamp: at(1) },
    });
    await publishAccountReport(id, id + 1, first);
    await settle();

    let body = await application(id);
    expect((body['artifacts'] as Record<string, unknown>)['reportJson']).toBeNull();
    const flags = (accounts: unknown) =>
      Object.fromEntries(
        (accounts as { accountRef: string; artifacts: { reportJson: unknown } }[]).map((account) => [
          account.accountRef,
          Boolean(account.artifacts?.reportJson),
        ]),
      );
    expect(flags(body['accounts'])).toEqual({
      [TEST_ACCOUNT_REFS.of(first.bsb, first.number)]: true,
      [TEST_ACCOUNT_REFS.of(second.bsb, second.number)]: false,
    });
    let state = await publishedState(id, since);
    expect(state?.artifacts.reportJson).toBe(false);
    expect(flags(state?.accounts)).toEqual({
      [TEST_ACCOUNT_REFS.of(first.bsb, first.number)]: true,
      [TEST_ACCOUNT_REFS.of(second.bsb, second.number)]: false,
    });

    await postCredfin({
      event: 'analysis.report_ready',
      payload: { id: id + 2, time: at(20), vendor_specific_id: vsid, timestamp: at(1) },
    });
    await publishAccountReport(id, id + 2, second);
    await settle();
    body = await application(id);
    // Ready when the LAST account's report was: analysis.time of the second, not payload.timestamp.
    expect((body['artifacts'] as Record<string, unknown>)['reportJson']).toBe('2026-01-04T22:00:20.000000Z');
    state = await publishedState(id, since);
    expect(state?.artifacts.reportJson).toBe(true);
    expect(Object.values(flags(state?.accounts))).toEqual([true, true]);
  }, 120_000);

  it('item 5: analyses without a vendor_specific_id join their application whatever the order', async () => {
    const id = newApplicationId();
    const first = { bsb: '654321', number: `1${id}` };
    const second = { bsb: '654321', number: `2${id}` };
    await postCredfin({
      event: 'account.numbers_ready',
      payload: { id, timestamp: at(1), accounts: [first, second] },
    });
    // Analysis 1: its PDF event (keyed analysis:<id>, another partition) BEFORE its report links it.
    await postCredfin({ event: 'analysis.pdf_ready', payload: { id: id + 1, time: at(30) } });
    await settle();
    await publishAccountReport(id, id + 1, first);
    // Analysis 2: the report links it first, its PDF event comes after.
    await publishAccountReport(id, id + 2, second);
    await settle();
    await postCredfin({ event: 'analysis.pdf_ready', payload: { id: id + 2, time: at(31) } });
    await settle();

    const body = await application(id);
    expect((body['artifacts'] as Record<string, unknown>)['analysisPdf']).toBe('2026-01-04T22:00:31.000000Z');
    expect(
      (body['accounts'] as { artifacts: { analysisPdf: unknown } }[]).map(
        (a) => typeof a.artifacts?.analysisPdf === 'string',
      ),
    ).toEqual([true, true]);
    expect(await deadLetters()).toEqual([]);
  }, 120_000);
});
