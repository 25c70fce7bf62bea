import { randomBytes } from 'node:crypto';
import { TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { STATUS_RANKING } from '../credfin/application-status';
import { TOPICS, applicationStateSchema } from '@ledgerhook/contracts';
import {
  PLATFORM_ENTITIES,
  PLATFORM_MIGRATIONS,
  createServiceDataSource,
  databaseUrlFor,
  dropDatabase,
  ensureDatabase,
  loadDatabaseConfig,
  runMigrations,
} from '@ledgerhook/database';
import {
  type ConsumedEvent,
  type InboundEvent,
  isDownstreamEvent,
  type OutboxMessage,
} from '@ledgerhook/consumer';
import { createLogger, LoggingModule, ReadApiAuthModule, readApiTokensVariable } from '@ledgerhook/platform';
import { TEST_READ_API_TOKENS, TEST_READ_API_TOKENS_VARIABLE } from '@ledgerhook/platform/testing';
import { DataSource } from 'typeorm';
import { crawlerSeedAad } from '../seeds/crawler-seed-aad';
import { LIFECYCLE_CONTROLLERS, LIFECYCLE_PROVIDERS } from '../lifecycle-read-api';
import {
  LIFECYCLE_ENTITIES,
  LIFECYCLE_MIGRATIONS,
  LIFECYCLE_SCHEMA,
  LIFECYCLE_TABLES,
} from '../lifecycle-schema';
import { SeedCipher } from '../seeds/seed-cipher';
import {
  LIFE_CYCLE_APPLICATION_ID,
  LIFE_CYCLE_SEED,
  LIFE_CYCLE_VSID,
  credfinLifeCycleBodies,
} from '../testing/credfin-life-cycle';
import {
  ABANDONED_APPLICATION_ID,
  abandonedBankBodies,
  abandonedBankReports,
} from '../testing/credfin-abandoned-bank';
import { contractFixtures, inboundEvent, reportEvent } from '../testing/inbound-event';
import { LifecycleProjection } from './lifecycle.projection';

// Real PostgreSQL, a throwaway database: platform + lifecycle migrations, then the handler inside
// dataSource.transaction exactly as the consumer plumbing calls it.
const baseUrl = loadDatabaseConfig('lifecycle-projection.int-spec').url;
const databaseName = `ledgerhook_it_lifecycle_${randomBytes(4).toString('hex')}`;
const url = databaseUrlFor(baseUrl, databaseName);

const cipher = new SeedCipher([{ id: 'k1', key: randomBytes(32) }]);
const projection = new LifecycleProjection(cipher, TEST_ACCOUNT_REFS);
let dataSource: DataSource;

/** Raw provider events and, mixed in, the account reports (lending.reports.v1) that link analyses. */
function allEvents(): ConsumedEvent[] {
  const start = Date.parse('2024-05-01T00:00:00.000Z');
  const bodies: { provider: 'credfin' | 'bridge'; body: unknown }[] = [
    ...credfinLifeCycleBodies().map((body) => ({ provider: 'credfin' as const, body })),
    ...abandonedBankBodies().map((body) => ({ provider: 'credfin' as const, body })),
    ...contractFixtures('credfin').map((f) => ({ provider: 'credfin' as const, body: f.raw })),
    ...contractFixtures('bridge').map((f) => ({ provider: 'bridge' as const, body: f.raw })),
  ];
  const raw = bodies.map(({ provider, body }, i) =>
    inboundEvent(provider, body, i, new Date(start + i * 1000)),
  );
  const reports = abandonedBankReports().map((report, i) =>
    reportEvent(report, i, new Date(start + (raw.length + i) * 1000)),
  );
  return [...raw, ...reports];
}

const EVENTS = allEvents();
const RAW_EVENTS = EVENTS.filter((event): event is InboundEvent => !isDownstreamEvent(event));

/** Each batch in one transaction: its raw events, then its reports, as the two handlers take them. */
async function applyInBatches(events: readonly ConsumedEvent[], size: number): Promise<OutboxMessage[]> {
  const outbox: OutboxMessage[] = [];
  for (let start = 0; start < events.length; start += size) {
    const batch = events.slice(start, start + size);
    const raw = batch.filter((event): event is InboundEvent => !isDownstreamEvent(event));
    const reports = batch.filter(isDownstreamEvent);
    outbox.push(
      ...(await dataSource.transaction(async (manager) => [
        ...(await projection.apply(manager, raw)),
        ...(await projection.applyReports(manager, reports)),
      ])),
    );
  }
  return outbox;
}

async function truncate(): Promise<void> {
  await dataSource.query(`TRUNCATE ${LIFECYCLE_TABLES.join(', ')}`);
}

async function checksums(): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of LIFECYCLE_TABLES) {
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum FROM ${table} t`,
    );
    sums[table] = `${row.n}:${row.sum}`;
  }
  return sums;
}

/** Deterministic Fisher-Yates (xorshift32): the same "random" order on every run. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = Math.abs(state) % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function lastStateOf(outbox: readonly OutboxMessage[], key: string) {
  const message = [...outbox].reverse().find((m) => m.key === key);
  if (!message) throw new Error(`no outbox message for ${key}`);
  return { message, state: applicationStateSchema.parse(JSON.parse(message.value)) };
}

beforeAll(async () => {
  await ensureDatabase(url);
  dataSource = createServiceDataSource({
    url,
    applicationName: 'lifecycle-projection.int-spec',
    entities: [...PLATFORM_ENTITIES, ...LIFECYCLE_ENTITIES],
    migrations: [...PLATFORM_MIGRATIONS, ...LIFECYCLE_MIGRATIONS],
    migrationsTableName: 'migrations_lifecycle_projector',
    searchPath: LIFECYCLE_SCHEMA,
  });
  await dataSource.initialize();
  await runMigrations(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  await dropDatabase(url);
});

describe('lifecycle projection (real PostgreSQL)', () => {
  let firstOutbox: OutboxMessage[];
  let reference: Record<string, string>;

  beforeAll(async () => {
    // One event per transaction: every intermediate state is published and checked below.
    firstOutbox = await applyInBatches(EVENTS, 1);
    reference = await checksums();
  });

  it('matches the entities to the migration (nothing for TypeORM to synchronise)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    // Only this app's schema: the platform tables belong to libs/database.
    expect(pending.upQueries.map((query) => query.query).filter((sql) => sql.includes('lifecycle'))).toEqual(
      [],
    );
  });

  it('projects the full synthetic life cycle, owner message first', async () => {
    const [app] = await dataSource.query(`SELECT * FROM lifecycle.credfin_application WHERE id = $1`, [
      LIFE_CYCLE_APPLICATION_ID,
    ]);
    expect(app).toMatchObject({
      vendor_specific_id: LIFE_CYCLE_VSID,
      status: 'bundle_ready',
      crawler_status: 'COMPLETED',
      full_name: 'Ada Lovelace',
      email: 'ada@example.test',
      mobile: '0400000001',
      version: credfinLifeCycleBodies().length,
    });
    for (const artifact of [
      'application_report_ready_at',
      'summary_report_ready_at',
      'summary_pdf_ready_at',
      'summary_html_ready_at',
      'bundle_ready_at',
      'report_json_ready_at',
      'analysis_pdf_ready_at',
      'analysis_html_ready_at',
    ]) {
      expect(app[artifact]).toBeInstanceOf(Date);
    }
    const history = await dataSource.query(
      `SELECT status FROM lifecycle.credfin_crawler_status_change WHERE application_id = $1 ORDER BY status_at`,
      [LIFE_CYCLE_APPLICATION_ID],
    );
    expect(history.map((row: { status: string }) => row.status)).toEqual([
      'QUEUED',
      'PROCESSING',
      'AUTH',
      'MFA_CHALLENGE',
      'RELEASED',
      'COMPLETED',
    ]);
    const accounts = await dataSource.query(
      `SELECT c.bsb, c.number, c.available::text AS available, c.balance::text AS balance, c.currency, o.status AS owner
         FROM lifecycle.credfin_application_account l
         JOIN lifecycle.credfin_account c USING (account_ref)
         LEFT JOIN lifecycle.credfin_account_owner o USING (account_ref)
        WHERE l.application_id = $1 ORDER BY c.bsb`,
      [LIFE_CYCLE_APPLICATION_ID],
    );
    // The late, older balances (1.00) did not overwrite the newer ones.
    expect(accounts).toEqual([
      {
        bsb: '012345',
        number: '11112222',
        available: '100.50',
        balance: '120.75',
        currency: 'AUD',
        owner: 'success',
      },
      {
        bsb: '067890',
        number: '000333444',
        available: null,
        balance: '-5.01',
        currency: 'AUD',
        owner: 'failed',
      },
    ]);
  });

  it('publishes a state per change: forward-only status, increasing version, contract-valid', () => {
    const states = firstOutbox
      .filter((m) => m.key === LIFE_CYCLE_APPLICATION_ID)
      .map((m) => applicationStateSchema.parse(JSON.parse(m.value)));
    const ranks = states.map((s) => STATUS_RANKING.indexOf(s.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(states.map((s) => s.status)).toEqual(
      expect.arrayContaining(['crawling', 'released', 'accounts_known']),
    );
    for (let i = 1; i < states.length; i += 1)
      expect(states[i].version).toBeGreaterThan(states[i - 1].version);

    const { message, state } = lastStateOf(firstOutbox, LIFE_CYCLE_APPLICATION_ID);
    expect(message.topic).toBe(TOPICS.applications);
    expect(message.headers['content-type']).toBe('application/json');
    expect(message.headers.ce_type).toBe('lifecycle-projector.application.state');
    expect(message.headers.ce_subject).toBe(`app:${LIFE_CYCLE_APPLICATION_ID}`);
    expect(message.headers.ce_dedupkey).toBe(
      `lifecycle-projector:application.state:app:${LIFE_CYCLE_APPLICATION_ID}:v${state.version}`,
    );
    expect(state).toMatchObject({
      provider: 'credfin',
      applicationId: LIFE_CYCLE_APPLICATION_ID,
      vendorSpecificId: LIFE_CYCLE_VSID,
      status: 'bundle_ready',
      crawlerStatus: 'COMPLETED',
      artifacts: {
        reportJson: true,
        analysisPdf: true,
        analysisHtml: true,
        summaryPdf: true,
        summaryHtml: true,
        bundle: true,
      },
    });
    expect(state.accounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          last4: '2222',
          balance: { currency: 'AUD', minor: '12075' },
          available: { currency: 'AUD', minor: '10050' },
          ownerInfo: 'received',
        }),
        expect.objectContaining({
          last4: '3444',
          balance: { currency: 'AUD', minor: '-501' },
          ownerInfo: 'failed',
        }),
      ]),
    );
    // No personal data downstream.
    expect(message.value).not.toMatch(/Ada|ada@|0400000001|11112222/);
  });

  it('projects the seed fixtures: application 961194, its owner-joined accounts and the analysis by vsid', async () => {
    const { state } = lastStateOf(firstOutbox, '961194');
    expect(state).toMatchObject({ status: 'bundle_ready', vendorSpecificId: '200120c' });
    expect(state.accounts.map((a) => a.ownerInfo).sort()).toEqual(['failed', 'received']);
    expect(state.artifacts.reportJson).toBe(true);
    // The bare seed-form account list has no application id: the account is kept, linked to none.
    const [bare] = await dataSource.query(
      `SELECT balance::text AS balance, (SELECT count(*)::int FROM lifecycle.credfin_application_account l
                                          WHERE l.account_ref = c.account_ref) AS links
         FROM lifecycle.credfin_account c WHERE bsb = '123456' AND number = '1234567'`,
    );
    expect(bare).toEqual({ balance: '3.98', links: 0 });
  });

  it('seals the crawler seed: only the key id, IV, tag and ciphertext are stored', async () => {
    const [seed] = await dataSource.query(`SELECT * FROM lifecycle.crawler_seed WHERE application_id = $1`, [
      LIFE_CYCLE_APPLICATION_ID,
    ]);
    expect(seed.key_id).toBe('k1');
    expect(seed.iv).toHaveLength(12);
    expect(seed.auth_tag).toHaveLength(16);
    expect(seed.ciphertext.includes(Buffer.from(LIFE_CYCLE_SEED))).toBe(false);
    const plaintext = cipher.decrypt(
      { keyId: seed.key_id, iv: seed.iv, authTag: seed.auth_tag, ciphertext: seed.ciphertext },
      crawlerSeedAad(LIFE_CYCLE_APPLICATION_ID, seed.ce_id),
    );
    expect(plaintext.toString('utf8')).toContain(LIFE_CYCLE_SEED);
  });

  it('projects Bridge: deletions are flags, late events are recorded, legacy names map', async () => {
    const [item] = await dataSource.query(`SELECT * FROM lifecycle.bridge_item WHERE item_id = 4568477`);
    expect(item).toMatchObject({ status_code: 0, refresh_trigger: 'scheduler', full_refresh: false });
    expect(item.deleted_at).toBeInstanceOf(Date);
    expect(item.created_at).toBeInstanceOf(Date);
    const [account] = await dataSource.query(
      `SELECT balance::text AS balance, currency, nb_new_transactions, deleted_at IS NOT NULL AS deleted
         FROM lifecycle.bridge_account WHERE account_id = 22908770`,
    );
    expect(account).toEqual({ balance: '1678.12', currency: 'EUR', nb_new_transactions: 15, deleted: true });
    const [payment] = await dataSource.query(`SELECT status FROM lifecycle.bridge_payment_transaction`);
    expect(payment.status).toBe('ACSC');
    const [user] = await dataSource.query(
      `SELECT deleted_at FROM lifecycle.bridge_user WHERE user_uuid = $1`,
      ['766b2f5d-a942-492c-9ea7-2e5aa88cb672'],
    );
    expect(user.deleted_at).toBeInstanceOf(Date);
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM lifecycle.timeline_entry WHERE provider = 'bridge'`,
    );
    expect(n).toBe(contractFixtures('bridge').length);
  });

  it('does nothing when the same events are applied again', async () => {
    expect(await applyInBatches(RAW_EVENTS, 50)).toEqual([]);
    // Reports have no timeline (the consumer's inbox drops their duplicates): their upserts are idempotent.
    await applyInBatches(EVENTS.filter(isDownstreamEvent), 50);
    expect(await checksums()).toEqual(reference);
  });

  it('projects an abandoned bank and analyses without vendor_specific_id (issue 11)', async () => {
    const [app] = await dataSource.query(`SELECT * FROM lifecycle.credfin_application WHERE id = $1`, [
      ABANDONED_APPLICATION_ID,
    ]);
    expect(app).toMatchObject({ status: 'report_ready', failure_reason: null });
    const { state } = lastStateOf(firstOutbox, ABANDONED_APPLICATION_ID);
    expect(state).toMatchObject({
      status: 'report_ready',
      artifacts: { reportJson: true, analysisPdf: true, analysisHtml: true, bundle: false },
    });
    expect(state.failureReason).toBeUndefined();
    // Both accounts: their balances kept through the later list without any, their own artifacts.
    expect(state.accounts.map(({ last4, balance, artifacts }) => ({ last4, balance, artifacts }))).toEqual(
      expect.arrayContaining(
        [
          ['6666', '1100'],
          ['8888', '2200'],
        ].map(([last4, minor]) => ({
          last4,
          balance: { currency: 'AUD', minor },
          artifacts: { reportJson: true, analysisPdf: true, analysisHtml: true },
        })),
      ),
    );
    expect(state.accounts).toHaveLength(2);
    // The analysis PDF was ready when the later account's was (analysis.time), not at a payload timestamp.
    expect(app.analysis_pdf_ready_at.toISOString()).toBe('2024-05-02T00:00:24.000Z');
  });

  it('rebuilds identical tables from a replay into empty tables, in one batch', async () => {
    await truncate();
    await applyInBatches(EVENTS, 500);
    expect(await checksums()).toEqual(reference);
  });

  it.each([
    ['reversed', [...EVENTS].reverse(), 4],
    ['shuffled', shuffled(EVENTS, 0x5eed), 7],
    ['shuffled differently', shuffled(EVENTS, 0xbeef), 3],
  ])('reaches the same final state when events arrive %s', async (_order, events, batchSize) => {
    await truncate();
    await applyInBatches(events, batchSize);
    expect(await checksums()).toEqual(reference);
  });

  describe('read API (real Nest app)', () => {
    let app: INestApplication;
    let base: string;

    beforeAll(async () => {
      await truncate();
      await applyInBatches(EVENTS, 10);
      // As the service mounts it: behind the read-API guard, personal data by scope.
      @Module({
        imports: [
          LoggingModule.forService(createLogger('lifecycle-projector', 'silent')),
          ReadApiAuthModule.forService({
            tokens: readApiTokensVariable().parse(TEST_READ_API_TOKENS_VARIABLE),
          }),
        ],
        controllers: [...LIFECYCLE_CONTROLLERS],
        providers: [...LIFECYCLE_PROVIDERS, { provide: DataSource, useValue: dataSource }],
      })
      class ReadApiTestModule {}
      app = await NestFactory.create(ReadApiTestModule, { logger: false });
      await app.listen(0, '127.0.0.1');
      base = await app.getUrl();
    });

    afterAll(async () => {
      await app?.close();
    });

    const get = async (path: string) => {
      const response = await fetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${TEST_READ_API_TOKENS.full}` },
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- asserted field by field below
      return { status: response.status, body: (await response.json()) as any };
    };

    it('answers an application by id and by vendor_specific_id, never with the seed', async () => {
      const byId = await get(`/applications/${LIFE_CYCLE_APPLICATION_ID}`);
      expect(byId.status).toBe(200);
      expect(byId.body).toMatchObject({
        applicationId: LIFE_CYCLE_APPLICATION_ID,
        vendorSpecificId: LIFE_CYCLE_VSID,
        status: 'bundle_ready',
        contact: { fullName: 'Ada Lovelace', email: 'ada@example.test', mobile: '0400000001' },
        version: credfinLifeCycleBodies().length,
      });
      expect(byId.body.crawlers).toHaveLength(1);
      expect(byId.body.crawlers[0].history.map((h: { status: string }) => h.status)).toEqual([
        'QUEUED',
        'PROCESSING',
        'AUTH',
        'MFA_CHALLENGE',
        'RELEASED',
        'COMPLETED',
      ]);
      expect(byId.body.accounts[0]).toMatchObject({
        bsb: '012345',
        number: '11112222',
        available: { amount: '100.50', currency: 'AUD' },
        balance: { amount: '120.75', currency: 'AUD' },
        owner: { status: 'success', owners: ['MS A LOVELACE'] },
      });
      expect(byId.body.accounts[1]).toMatchObject({ available: null, owner: { status: 'failed' } });
      expect(byId.body.analyses).toHaveLength(2);
      expect(Object.values(byId.body.artifacts).every((value) => typeof value === 'string')).toBe(true);
      expect(JSON.stringify(byId.body)).not.toMatch(new RegExp(`${LIFE_CYCLE_SEED}|ciphertext|seed`, 'i'));
      const byVsid = await get(`/applications/${LIFE_CYCLE_VSID}`);
      expect(byVsid.body).toEqual(byId.body);
    });

    it('answers the timeline of an application, including its owner messages and analyses', async () => {
      const { status, body } = await get(`/applications/${LIFE_CYCLE_APPLICATION_ID}/timeline`);
      expect(status).toBe(200);
      expect(body.entries).toHaveLength(credfinLifeCycleBodies().length);
      expect(body.entries[0]).toMatchObject({ eventType: 'account.account_owner' });
      expect(new Set(body.entries.map((e: { ceId: string }) => e.ceId)).size).toBe(body.entries.length);
    });

    it('lists applications with cursor pagination and filters', async () => {
      const first = await get('/applications?status=bundle_ready&limit=1');
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await get(`/applications?status=bundle_ready&limit=1&cursor=${first.body.nextCursor}`);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.nextCursor).toBeNull();
      expect([first.body.items[0].applicationId, second.body.items[0].applicationId].sort()).toEqual([
        LIFE_CYCLE_APPLICATION_ID,
        '961194',
      ]);
      expect((await get('/applications?status=failed')).body.items).toEqual([]);
      expect((await get('/applications?updatedSince=2999-01-01T00:00:00Z')).body.items).toEqual([]);
      // Three applications: the life cycle, the abandoned bank and seed 000's.
      expect((await get('/applications?updatedSince=2000-01-01T00:00:00Z')).body.items).toHaveLength(3);
      // The abandoned bank (one crawler timed out, the other completed) is no failure.
      expect((await get('/applications?status=timed_out')).body.items).toEqual([]);
    });

    it.each([
      ['status', '/applications?status=nope'],
      ['updatedSince', '/applications?updatedSince=yesterday'],
      ['cursor', '/applications?cursor=!!!'],
      ['limit', '/applications?limit=0'],
      ['limit', '/applications?limit=ten'],
      ['id', '/bridge/items/not-a-number'],
    ])('answers 400 naming %s for %s', async (parameter, path) => {
      const { status, body } = await get(path);
      expect(status).toBe(400);
      expect(body.parameter).toBe(parameter);
    });

    it.each([['/applications/nope'], ['/applications/nope/timeline'], ['/bridge/items/999']])(
      'answers 404 naming the id for %s',
      async (path) => {
        const { status, body } = await get(path);
        expect(status).toBe(404);
        expect(body.id).toBe(path.includes('999') ? '999' : 'nope');
      },
    );

    it('answers a Bridge item with its accounts, user and deletion flags', async () => {
      const { status, body } = await get('/bridge/items/4568477');
      expect(status).toBe(200);
      expect(body).toMatchObject({
        itemId: '4568477',
        deleted: true,
        status: { code: 0, refreshTrigger: 'scheduler' },
        user: { userUuid: '766b2f5d-a942-492c-9ea7-2e5aa88cb672', deleted: true },
        accounts: [
          {
            accountId: '22908770',
            balance: { amount: '1678.12', currency: 'EUR' },
            transactions: { new: 15, updated: 0, deleted: 0 },
            deleted: true,
          },
        ],
        paymentTransactions: [],
      });
    });
  });
});
