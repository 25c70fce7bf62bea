import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import {
  AccountRefs,
  buildCloudEventHeaders,
  reportSchema,
  type Report,
  dlqTopicName,
  providerRecord,
  TOPICS,
  type TopicSpec,
} from '@ledgerhook/contracts';
import { databaseUrlFor, dropDatabase, loadDatabaseConfig } from '@ledgerhook/database';
import { TEST_ACCOUNT_REF_KEY, TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import { DisposablePostgres, listSchemas } from '@ledgerhook/database/testing';
import { KafkaBatchTransport } from '@ledgerhook/consumer';
import {
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  loadKafkaConfig,
} from '@ledgerhook/kafka';
import { endOffsets, readBetween, waitForGroupAtEnd, type EndOffsets } from '@ledgerhook/kafka/testing';
import { executeRebuild, OpsAuditWriter, type RebuildOutcome } from '@ledgerhook/operations';
import { createLogger } from '@ledgerhook/platform';
import { fetchServiceEndpoints, freePort, startServiceForTest } from '@ledgerhook/platform/testing';
// Tokens of every kind, and the walk of every route of openapi.yaml.
import {
  TEST_READ_API_TOKENS,
  TEST_READ_API_TOKENS_VARIABLE,
  walkReadApi,
} from '@ledgerhook/platform/testing';
import type { Admin, Kafka, Message, Producer } from 'kafkajs';
import { Client } from 'pg';
import { loadLifecycleProjectorConfig } from './config/lifecycle-projector.config';
import { LifecycleProjectorModule } from './lifecycle-projector.module';
import { LIFECYCLE_TABLES } from './lifecycle-schema';
import {
  LIFE_CYCLE_APPLICATION_ID,
  LIFE_CYCLE_VSID,
  credfinLifeCycleBodies,
} from './testing/credfin-life-cycle';
import { abandonedBankBodies, abandonedBankReports } from './testing/credfin-abandoned-bank';
import { contractFixtures } from './testing/inbound-event';

// The whole service against the real broker and PostgreSQL: raw records as the ingress publishes them,
// on topics of this suite's own, projected into databases of its own.

// Info lines kept in memory: the PII audit lines are checked (and nothing is printed).
const logLines: string[] = [];
const logger = createLogger('lifecycle-projector', 'info', { write: (line: string) => logLines.push(line) });
const kafka: Kafka = createKafkaClient(loadKafkaConfig('lifecycle-projector.int-spec'), logger);
const suffix = randomBytes(3).toString('hex');
const TOPIC: Record<'credfin' | 'bridge' | 'reports', string> = {
  credfin: `webhooks.it-credfin-${suffix}.v1`,
  bridge: `webhooks.it-bridge-${suffix}.v1`,
  reports: `lending.it-reports-${suffix}.v1`,
};
// Seed 000's bare balances list (account.balances_ready.json) names this account and no application:
// an account report stored by the report-retriever links it to application 961194.
const REPORTED_ACCOUNT = TEST_ACCOUNT_REFS.of('123456', '1234567');

/** A lending.reports.v1 record as the report-retriever publishes it. */
function reportRecord(value: Report = seedReport()): Message & { topic: string } {
  const headers = buildCloudEventHeaders({
    source: 'report-retriever',
    eventName: 'artifact.stored',
    subject: `artifact:${value.artifactId}`,
    dedupKey: `report-retriever:artifact.stored:artifact:${value.artifactId}`,
    receivedAt: new Date(value.fetchedAt),
  });
  return { topic: TOPIC.reports, key: value.applicationId, value: JSON.stringify(value), headers };
}

function seedReport(): Report {
  return reportSchema.parse({
    provider: 'credfin',
    artifactId: '0196a000-0000-7000-8000-000000000001',
    applicationId: '961194',
    vendorSpecificId: '200120c',
    analysisId: '22749',
    accountRef: REPORTED_ACCOUNT,
    accountLast4: '4567',
    kind: 'analysis_report',
    contentType: 'application/json',
    sha256: 'a'.repeat(64),
    sizeBytes: 10,
    fetchedAt: '2026-11-23T00:00:00.000Z',
    link: '/artifacts/0196a000-0000-7000-8000-000000000001',
    sourceCeId: '0196a000-0000-7000-8000-000000000002',
  });
}
const spec = (name: string): TopicSpec => ({
  name,
  partitions: 3,
  retentionMs: -1,
  cleanupPolicy: 'delete',
  key: 'k',
  description: 'd',
});
const READ_API_TOKENS = TEST_READ_API_TOKENS;
const AUTH = { authorization: `Bearer ${READ_API_TOKENS.full}` };
const SEED_KEYS = `it:${randomBytes(32).toString('base64')}`;
const baseUrl = loadDatabaseConfig('lifecycle-projector.int-spec').url;
const databaseUrl = (name: string) => databaseUrlFor(baseUrl, name);
const createdDatabases: string[] = [];

/** A raw record exactly as the ingress would publish it (key, CloudEvents headers, body bytes). */
function rawRecord(provider: 'credfin' | 'bridge', raw: Buffer): Message & { topic: string } {
  const { key, value, headers } = providerRecord(provider, raw, {
    receivedAt: new Date(),
    refs: TEST_ACCOUNT_REFS,
  });
  return { topic: TOPIC[provider], key, value, headers };
}

/** A Bridge item.created for a user of the fixtures. */
function createdItem(itemId: number, timestamp: number): Message & { topic: string } {
  return rawRecord(
    'bridge',
    Buffer.from(
      JSON.stringify({
        type: 'item.created',
        timestamp,
        content: { item_id: itemId, user_uuid: '766b2f5d-a942-492c-9ea7-2e5aa88cb672' },
      }),
    ),
  );
}

function seedRecords(): (Message & { topic: string })[] {
  return [
    ...contractFixtures('credfin').map(({ raw }) => rawRecord('credfin', raw)),
    ...credfinLifeCycleBodies().map((body) => rawRecord('credfin', Buffer.from(JSON.stringify(body)))),
    ...abandonedBankBodies().map((body) => rawRecord('credfin', Buffer.from(JSON.stringify(body)))),
    ...contractFixtures('bridge').map(({ raw }) => rawRecord('bridge', raw)),
    reportRecord(),
    ...abandonedBankReports().map(reportRecord),
  ];
}

async function publish(producer: Producer, records: (Message & { topic: string })[]): Promise<void> {
  for (const provider of ['credfin', 'bridge', 'reports'] as const) {
    const messages = records
      .filter((record) => record.topic === TOPIC[provider])
      .map(({ topic: _topic, ...message }) => message);
    if (messages.length > 0) await producer.send({ topic: TOPIC[provider], acks: -1, messages });
  }
}

/** The group has committed everything this suite's raw topics hold right now. */
const caughtUp = (admin: Admin, groupId: string, timeoutMs?: number) =>
  waitForGroupAtEnd(admin, groupId, Object.values(TOPIC), timeoutMs);

/** md5 of every projected table's rows, in a stable order. */
async function checksums(url: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const sums: Record<string, string> = {};
    for (const table of LIFECYCLE_TABLES) {
      const { rows } = await client.query(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum, count(*)::int AS n FROM ${table} t`,
      );
      sums[table] = `${rows[0].n}:${rows[0].sum}`;
    }
    return sums;
  } finally {
    await client.end();
  }
}

async function startProjector(
  databaseName: string,
  groupId: string,
  url = databaseUrl(databaseName),
  env: Record<string, string> = {},
): Promise<INestApplication> {
  if (url === databaseUrl(databaseName) && !createdDatabases.includes(databaseName))
    createdDatabases.push(databaseName);
  const config = {
    ...loadLifecycleProjectorConfig({
      ...process.env,
      DATABASE_URL: url,
      SEED_ENCRYPTION_KEYS: SEED_KEYS,
      LIFECYCLE_PROJECTOR_GROUP_ID: groupId,
      READ_API_TOKENS: TEST_READ_API_TOKENS_VARIABLE,
      ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
      ...env,
    }),
    topicOverrides: {
      [TOPICS.credfinRaw]: TOPIC.credfin,
      [TOPICS.bridgeRaw]: TOPIC.bridge,
      [TOPICS.reports]: TOPIC.reports,
    },
  };
  return startServiceForTest({
    service: 'lifecycle-projector',
    module: LifecycleProjectorModule.forRoot(config, kafka, logger),
    logger,
    microservice: (app) => app.get(KafkaBatchTransport),
  });
}

async function getJson(
  app: INestApplication,
  path: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${await app.getUrl()}${path}`, { headers: AUTH });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('lifecycle-projector end to end (real Kafka and PostgreSQL)', () => {
  let admin: Admin;
  let producer: Producer;
  const group = `it-lifecycle-${suffix}`;
  const database = `ledgerhook_it_lp_${suffix}`;
  let app: INestApplication | undefined;
  let applicationsBefore: EndOffsets;
  let dlqBefore: EndOffsets;

  /** `ledgerhook rebuild lifecycle-projector --execute` on this suite's database and topics, audited. */
  async function rebuildLive(): Promise<RebuildOutcome> {
    const audit = await OpsAuditWriter.open(kafka, admin, {
      actor: 'rebuild-spec',
      client: 'lifecycle-projector.int-spec',
    });
    try {
      const { value } = await executeRebuild(
        admin,
        audit,
        {
          projection: 'lifecycle-projector',
          databaseUrl: databaseUrl(database),
          topics: Object.values(TOPIC),
          group,
        },
        async (shadow) => {
          const built = await startProjector(database, shadow.groupId, databaseUrl(database), {
            LIFECYCLE_PROJECTOR_SCHEMA: shadow.schema,
          });
          return { stop: () => built.close() };
        },
      );
      return value;
    } finally {
      await audit.close();
    }
  }

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, Object.values(TOPIC).map(spec));
    producer = createIdempotentProducer(kafka);
    await producer.connect();
    applicationsBefore = await endOffsets(admin, TOPICS.applications).catch(() => new Map());
    dlqBefore = await endOffsets(admin, dlqTopicName('lifecycle-projector')).catch(() => new Map());
    await publish(producer, seedRecords());
  });

  afterAll(async () => {
    await app?.close();
    await producer?.disconnect();
    await admin.deleteTopics({ topics: Object.values(TOPIC) }).catch(() => undefined);
    await admin.disconnect();
    for (const name of createdDatabases) await dropDatabase(databaseUrl(name));
  });

  it('projects the seed examples and a full life cycle into rows, API answers and application states', async () => {
    app = await startProjector(database, group);
    await caughtUp(admin, group);

    const byId = await getJson(app, `/applications/${LIFE_CYCLE_APPLICATION_ID}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ status: 'bundle_ready', vendorSpecificId: LIFE_CYCLE_VSID });
    expect(byId.body['accounts']).toHaveLength(2);
    expect(JSON.stringify(byId.body)).not.toContain('SEED-SECRET');
    const byVsid = await getJson(app, `/applications/${LIFE_CYCLE_VSID}`);
    expect(byVsid.body['id']).toBe(byId.body['id']);
    const timeline = await getJson(app, `/applications/${LIFE_CYCLE_APPLICATION_ID}/timeline`);
    expect(timeline.status).toBe(200);
    expect(await getJson(app, '/applications/does-not-exist')).toMatchObject({ status: 404 });
    expect(await getJson(app, '/applications?status=nonsense')).toMatchObject({ status: 400 });
    expect((await getJson(app, '/bridge/items/4568477')).status).toBe(200);
    // Every route of openapi.yaml: 401 without a token, 403 without a scope, personal data masked
    // without pii:read; probes open.
    const base = await app.getUrl();
    logLines.length = 0;
    expect(
      await walkReadApi({
        openapi: join(__dirname, '../openapi.yaml'),
        baseUrl: base,
        tokens: READ_API_TOKENS,
        paths: {
          '/applications/{id}': `/applications/${LIFE_CYCLE_APPLICATION_ID}`,
          '/applications/{id}/timeline': `/applications/${LIFE_CYCLE_APPLICATION_ID}/timeline`,
          '/bridge/items/{id}': '/bridge/items/4568477',
        },
        personalData: ['Ada Lovelace', 'ada@example.test', '0400000001', 'MS A LOVELACE', '11112222'],
      }),
    ).toEqual([]);
    const masked = await fetch(`${base}/applications/${LIFE_CYCLE_APPLICATION_ID}`, {
      headers: { authorization: `Bearer ${READ_API_TOKENS.readOnly}` },
    });
    expect(
      ((await masked.json()) as { accounts: { number: string }[] }).accounts.map((a) => a.number),
    ).toEqual(['***2222', '***3444']);
    // The walk's one unmasked read was audited: who, which application, which fields; no personal data.
    const audits = logLines.filter((line) => line.includes('"audit":"pii.read"'));
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0] as string)).toMatchObject({
      caller: 'it-reader',
      subject: `application:${LIFE_CYCLE_APPLICATION_ID}`,
      fields: expect.arrayContaining(['contact.fullName', 'contact.email', 'accounts.number']),
      route: '/applications/:id',
    });
    for (const value of ['Ada', 'ada@', '0400000001', 'LOVELACE', '11112222', '000333444']) {
      expect(audits[0]).not.toContain(value);
    }
    // The account report linked seed 000's bare balances list to its application.
    const seedApplication = await getJson(app, '/applications/961194');
    const accounts = seedApplication.body['accounts'] as { accountRef: string }[];
    expect(accounts.map((account) => account.accountRef)).toContain(REPORTED_ACCOUNT);

    const endpoints = await fetchServiceEndpoints(app);
    expect(endpoints.readyz.body.checks).toMatchObject({ consumer: true, database: true, kafka: true });
    expect(endpoints.metrics.body).toMatch(
      /consumer_events_applied_total\{consumer="lifecycle-projector",service="lifecycle-projector"\} [1-9]/,
    );
    expect(endpoints.metrics.body).toMatch(/consumer_lag\{/);

    // The application's state reached lending.applications.v1 through the outbox, keyed by its id.
    let states: Awaited<ReturnType<typeof readBetween>> = [];
    for (let i = 0; i < 100; i++) {
      states = (
        await readBetween(
          kafka,
          TOPICS.applications,
          applicationsBefore,
          await endOffsets(admin, TOPICS.applications),
        )
      ).filter((record) => record.key?.toString() === LIFE_CYCLE_APPLICATION_ID);
      if (states.some((record) => JSON.parse(record.value?.toString() ?? '{}').status === 'bundle_ready'))
        break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(states.map((record) => JSON.parse(record.value?.toString() ?? '{}').status)).toContain(
      'bundle_ready',
    );
  });

  it('gives identical database contents when every event is delivered twice', async () => {
    const before = await checksums(databaseUrl(database));
    await publish(producer, seedRecords());
    await caughtUp(admin, group);
    expect(await checksums(databaseUrl(database))).toEqual(before);
    const metrics = (await fetchServiceEndpoints(app as INestApplication)).metrics.body;
    expect(metrics).toMatch(
      /consumer_duplicates_skipped_total\{consumer="lifecycle-projector",service="lifecycle-projector"\} [1-9]/,
    );
  });

  it('dead-letters a poison record and still projects the next one', async () => {
    const poison = {
      key: 'item:1',
      value: Buffer.from('{"type":"item.created"}'),
      headers: { ce_specversion: '1.0' },
    };
    const next = createdItem(99_000_001, 1_700_000_000_000);
    await producer.send({
      topic: TOPIC.bridge,
      acks: -1,
      messages: [poison, { key: next.key, value: next.value, headers: next.headers }],
    });
    await caughtUp(admin, group);
    expect((await getJson(app as INestApplication, '/bridge/items/99000001')).status).toBe(200);
    const dead = await readBetween(
      kafka,
      dlqTopicName('lifecycle-projector'),
      dlqBefore,
      await endOffsets(admin, dlqTopicName('lifecycle-projector')),
    );
    expect(
      dead.some(
        (record) =>
          record.value?.toString() === '{"type":"item.created"}' &&
          record.headers['dlq_source_topic']?.toString() === TOPIC.bridge,
      ),
    ).toBe(true);
  });

  it('ledgerhook rebuild: builds a shadow schema beside the live one and swaps it in while reads keep answering', async () => {
    const live = app as INestApplication;
    const reference = await checksums(databaseUrl(database));
    const expected = await getJson(live, `/applications/${LIFE_CYCLE_APPLICATION_ID}`);
    // A reader polls the live API throughout: every answer must be the same 200.
    let polling = true;
    const answers: number[] = [];
    const poller = (async () => {
      while (polling) {
        const read = await getJson(live, `/applications/${LIFE_CYCLE_APPLICATION_ID}`);
        answers.push(
          read.status === 200 && JSON.stringify(read.body) === JSON.stringify(expected.body)
            ? 200
            : read.status || -1,
        );
      }
    })();
    let outcome: RebuildOutcome;
    try {
      outcome = await rebuildLive();
    } finally {
      polling = false;
      await poller;
    }
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((status) => status !== 200)).toEqual([]);
    expect(outcome.tables.filter((table) => !table.identical)).toEqual([]);
    expect(outcome.liveOffsets).toBe('kept: the live group is active');
    // The live tables are now the rebuilt ones, with the same contents; the old schema is gone.
    expect(await checksums(databaseUrl(database))).toEqual(reference);
    expect(await listSchemas(databaseUrl(database), 'lifecycle%')).toEqual(['lifecycle']);
    // The live consumer goes on writing into the swapped-in tables.
    const after = createdItem(99_000_003, 1_700_000_000_003);
    await publish(producer, [after]);
    await caughtUp(admin, group);
    expect((await getJson(live, '/bridge/items/99000003')).status).toBe(200);
  }, 120_000);

  it("ledgerhook rebuild with the live service stopped: the shadow applies what it missed, the live group moves to the shadow's offsets", async () => {
    await app?.close();
    app = undefined;
    await publish(producer, [createdItem(99_000_004, 1_700_000_000_004)]);
    const outcome = await rebuildLive();
    expect(outcome.liveOffsets).toBe('moved');
    // The stopped live group now stands where the shadow finished: at the end, past the new event.
    await caughtUp(admin, group, 1_000);
    const client = new Client({ connectionString: databaseUrl(database) });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT item_id FROM lifecycle.bridge_item WHERE item_id = 99000004`,
      );
      expect(rows).toHaveLength(1);
    } finally {
      await client.end();
    }
  }, 120_000);

  it('rebuilds exactly the same contents from the topics into empty tables under a new group', async () => {
    const reference = await checksums(databaseUrl(database));
    await app?.close();
    app = undefined;
    const rebuilt = await startProjector(`${database}_rebuild`, `${group}-rebuild`);
    try {
      await caughtUp(admin, `${group}-rebuild`);
      expect(await checksums(databaseUrl(`${database}_rebuild`))).toEqual(reference);
    } finally {
      await rebuilt.close();
    }
  });

  it('builds the references of a new ACCOUNT_REF_KEY when rebuilt with it, and none of the old', async () => {
    const newKey = randomBytes(32);
    const rekeyed = await startProjector(`${database}_rekeyed`, `${group}-rekeyed`, undefined, {
      ACCOUNT_REF_KEY: newKey.toString('base64'),
    });
    try {
      await caughtUp(admin, `${group}-rekeyed`);
      const response = await fetch(`${await rekeyed.getUrl()}/applications/${LIFE_CYCLE_APPLICATION_ID}`, {
        headers: AUTH,
      });
      const { accounts } = (await response.json()) as { accounts: { accountRef: string }[] };
      const expected = [
        ['012-345', '11112222'],
        ['067890', '000333444'],
      ] as const;
      expect(accounts.map((account) => account.accountRef).sort()).toEqual(
        expected.map(([bsb, number]) => new AccountRefs(newKey).of(bsb, number)).sort(),
      );
      for (const [bsb, number] of expected) {
        expect(accounts.map((account) => account.accountRef)).not.toContain(
          TEST_ACCOUNT_REFS.of(bsb, number),
        );
      }
    } finally {
      await rekeyed.close();
    }
  });

  it('loses nothing while PostgreSQL is down, once it is back', async () => {
    // A port free now (a random one in the ephemeral range may be a client socket's: pg_ctl then fails).
    const server = new DisposablePostgres(await freePort());
    server.start();
    const outageGroup = `${group}-outage`;
    const projector = await startProjector('ledgerhook', outageGroup, server.url('ledgerhook'));
    try {
      await caughtUp(admin, outageGroup);
      const reference = await checksums(databaseUrl(database));

      server.stop();
      await publish(producer, seedRecords());
      const extra = createdItem(99_000_002, 1_700_000_000_001);
      await publish(producer, [extra]);
      // The consumer meets the outage and retries without committing past it.
      for (let i = 0; i < 300; i++) {
        if (
          /consumer_transient_failures_total\{[^}]*\} [1-9]/.test(
            (await fetchServiceEndpoints(projector)).metrics.body,
          )
        )
          break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await fetchServiceEndpoints(projector)).metrics.body).toMatch(
        /consumer_transient_failures_total\{[^}]*\} [1-9]/,
      );

      server.start();
      await caughtUp(admin, outageGroup, 90_000);
      expect((await getJson(projector, '/bridge/items/99000002')).status).toBe(200);
      // Everything the reference projected is there too (the extra item comes on top).
      const after = await checksums(server.url('ledgerhook'));
      for (const table of LIFECYCLE_TABLES.filter(
        (t) => !t.includes('bridge_item') && !t.includes('timeline') && !t.includes('bridge_user'),
      )) {
        expect({ table, sum: after[table] }).toEqual({ table, sum: reference[table] });
      }
    } finally {
      await projector.close();
      server.destroy();
    }
  }, 180_000);
});
