import { TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { decodeRecord } from '@ledgerhook/consumer';
import { TOPICS } from '@ledgerhook/contracts';
import { databaseUrlFor, dropDatabase, loadDatabaseConfig } from '@ledgerhook/database';
import { createKafkaClient, loadKafkaConfig } from '@ledgerhook/kafka';
import { endOffsets, readBetween, type EndOffsets } from '@ledgerhook/kafka/testing';
import { createLogger } from '@ledgerhook/platform';
import {
  type AppProcess,
  metricsUrlOf,
  startAppProcess,
  startServiceForTest,
} from '@ledgerhook/platform/testing';
import type { Admin, Kafka } from 'kafkajs';
import { Client } from 'pg';
import { loadIncomeScorerConfig } from '../config/income-scorer.config';
import { IncomeScorerModule } from '../income-scorer.module';
import { AWAITED_INSIGHTS, type AwaitedInsight, type AwaitedInsights } from './awaited-insights';
import { CreditChekReconciler, type RunSummary } from './creditchek-reconciler';

// The reconciler end to end: the income-scorer service, the provider simulator as CreditChek (its own
// process, over HTTP, token-checked), the real broker and PostgreSQL. AwaitedInsights is a tiny
// in-test implementation (the per-borrower state that implements it is another branch's): it answers
// what the state would, uploads received before `olderThan` with no insight since.
const logger = createLogger('income-scorer', 'silent');
const kafka: Kafka = createKafkaClient(loadKafkaConfig('creditchek-reconciler.int-spec'), logger);
const suffix = randomBytes(3).toString('hex');
const TOKEN = `it-creditchek-${randomBytes(8).toString('hex')}`;
const baseUrl = loadDatabaseConfig('creditchek-reconciler.int-spec').url;
const database = `ledgerhook_it_rc_${suffix}`;
/** Has an insight at CreditChek; has none yet; uploaded too recently to be reconciled. */
const [WITH_INSIGHT, WITHOUT, RECENT] = ['with', 'without', 'recent'].map(
  (name) => `it-rc-${suffix}-${name}`,
);

class InTestAwaitedInsights implements AwaitedInsights {
  readonly uploads: AwaitedInsight[] = [];
  readonly asked: Date[] = [];

  findAwaited(olderThan: Date, limit: number): Promise<AwaitedInsight[]> {
    this.asked.push(olderThan);
    return Promise.resolve(
      this.uploads
        .filter((upload) => upload.uploadedAt < olderThan)
        .sort((a, b) => a.uploadedAt.getTime() - b.uploadedAt.getTime())
        .slice(0, limit),
    );
  }
}

describe('CreditChek reconciler (real Kafka, PostgreSQL and the provider simulator)', () => {
  let admin: Admin;
  let simulator: AppProcess;
  let before: EndOffsets;
  const awaited = new InTestAwaitedInsights();
  const apps: INestApplication[] = [];
  let served: Record<string, unknown>;

  const start = async (env: Record<string, string> = {}) => {
    const config = loadIncomeScorerConfig({
      ...process.env,
      PORT: '1',
      ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
      DATABASE_URL: databaseUrlFor(baseUrl, database),
      CREDITCHEK_RECONCILE: 'true',
      // Required once the scorer's read API is in (issue-10); ignored before.
      READ_API_TOKENS: 'it-reader:it-read-token-0123456789abcdef:read',
      CREDITCHEK_API_URL: simulator.url,
      CREDITCHEK_API_TOKEN: TOKEN,
      CREDITCHEK_API_RETRIES: '1',
      CREDITCHEK_RECONCILE_AFTER: '2s',
      // Runs are driven by the test (runOnce, what each interval calls), never by the timer.
      CREDITCHEK_RECONCILE_INTERVAL: '24h',
      ...env,
    });
    const app = await startServiceForTest({
      service: 'income-scorer',
      module: IncomeScorerModule.forRoot(config, kafka, logger, {
        provide: AWAITED_INSIGHTS,
        useValue: awaited,
      }),
      logger,
    });
    apps.push(app);
    return app;
  };
  const published = async () =>
    (
      await readBetween(kafka, TOPICS.creditchekRaw, before, await endOffsets(admin, TOPICS.creditchekRaw))
    ).filter((record) => record.key?.toString().startsWith(`borrower:it-rc-${suffix}-`));
  const ledger = async () => {
    const client = new Client({ connectionString: databaseUrlFor(baseUrl, database) });
    await client.connect();
    try {
      return (
        await client.query<{ borrower_id: string; outcome: string; attempts: number; ce_id: string | null }>(
          `SELECT borrower_id, outcome, attempts, ce_id FROM reconciliation.creditchek_fetch ORDER BY borrower_id`,
        )
      ).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    simulator = await startAppProcess('provider-simulator', { SIMULATOR_CREDITCHEK_TOKEN: TOKEN });
    const response = await fetch(`${simulator.url}/admin/creditchek/insights`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ borrowerId: WITH_INSIGHT, appId: `app-${suffix}` }),
    });
    served = ((await response.json()) as { data: Record<string, unknown> }).data;
    const now = Date.now();
    awaited.uploads.push(
      { borrowerId: WITH_INSIGHT, appId: `app-${suffix}`, uploadedAt: new Date(now - 60_000) },
      { borrowerId: WITHOUT, uploadedAt: new Date(now - 50_000) },
      { borrowerId: RECENT, uploadedAt: new Date(now + 3_600_000) },
    );
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await simulator?.stop();
    await admin?.disconnect();
    await dropDatabase(databaseUrlFor(baseUrl, database));
  });

  it('publishes the missing insight once, as the webhook would have been stored; a second run publishes nothing', async () => {
    const app = await start();
    before = await endOffsets(admin, TOPICS.creditchekRaw);
    const reconciler = app.get(CreditChekReconciler);

    const askedAt = Date.now();
    const first = await reconciler.runOnce();
    expect(first).toEqual({ ran: true, found: 2, fetched: 1, none: 1, refused: 0, failed: 0 });
    // It asked for uploads older than CREDITCHEK_RECONCILE_AFTER (2 s).
    expect(Math.abs(askedAt - 2_000 - (awaited.asked[0] as Date).getTime())).toBeLessThan(1_000);

    const records = await published();
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record?.key?.toString()).toBe(`borrower:${WITH_INSIGHT}`);
    expect(record?.headers['ce_source']?.toString()).toBe('/providers/creditchek/reconciler');
    expect(record?.headers['ce_type']?.toString()).toBe('creditchek.income_insight');
    expect(JSON.parse(record?.value?.toString() ?? '{}')).toEqual({ event: 'income_insight', data: served });
    // Consumers read it as CreditChek's insight, like the webhook.
    const decoded = decodeRecord(record!);
    expect(decoded.ok && 'provider' in decoded.event && decoded.event.event).toMatchObject({
      provider: 'creditchek',
      eventName: 'income_insight',
      form: 'flat',
    });

    const second = await reconciler.runOnce();
    expect(second.ran && second.fetched).toBe(0);
    expect(await published()).toHaveLength(1);
    const rows = await ledger();
    expect(rows).toEqual([
      {
        borrower_id: WITH_INSIGHT,
        outcome: 'published',
        attempts: 1,
        ce_id: record?.headers['ce_id']?.toString(),
      },
      expect.objectContaining({ borrower_id: WITHOUT, outcome: 'none' }),
    ]);

    const metrics = await (await fetch(metricsUrlOf(app))).text();
    expect(metrics).toMatch(
      /creditchek_reconciliation_borrowers_total\{outcome="fetched",service="income-scorer"\} 1/,
    );
    expect(metrics).toMatch(
      /creditchek_reconciliation_borrowers_total\{outcome="none",service="income-scorer"\} [12]/,
    );
  });

  it('publishes the same record again (same ce_id, dedup key and bytes) if it lost track of the first', async () => {
    const app = apps[0]!;
    const client = new Client({ connectionString: databaseUrlFor(baseUrl, database) });
    await client.connect();
    // As after a crash between the send and the ledger.
    await client.query(`DELETE FROM reconciliation.creditchek_fetch WHERE borrower_id = $1`, [WITH_INSIGHT]);
    await client.end();
    const run: RunSummary = await app.get(CreditChekReconciler).runOnce();
    expect(run.ran && run.fetched).toBe(1);
    const [first, again] = await published();
    for (const header of ['ce_id', 'ce_dedupkey', 'ce_subject', 'ce_type', 'ce_source'])
      expect(again?.headers[header]?.toString()).toBe(first?.headers[header]?.toString());
    expect(again?.value).toEqual(first?.value);
    expect(again?.key).toEqual(first?.key);
  });

  it('lets one replica reconcile at a time', async () => {
    const replica = await start();
    // The first instance holds the lease from its last run.
    expect(await replica.get(CreditChekReconciler).runOnce()).toEqual({ ran: false });
    await apps[0]!.close();
    apps.splice(0, 1);
    // Once it has let go (shutdown releases the lease), the replica takes over.
    const run = await replica.get(CreditChekReconciler).runOnce();
    expect(run.ran).toBe(true);
  });

  it('runs by itself every CREDITCHEK_RECONCILE_INTERVAL', async () => {
    for (const app of apps.splice(0)) await app.close();
    const late = `it-rc-${suffix}-late`;
    await fetch(`${simulator.url}/admin/creditchek/insights`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ borrowerId: late, form: 'record' }),
    });
    awaited.uploads.push({ borrowerId: late, uploadedAt: new Date(Date.now() - 10_000) });
    await start({ CREDITCHEK_RECONCILE_INTERVAL: '200ms' });
    const deadline = Date.now() + 20_000;
    let keys: string[] = [];
    while (!keys.includes(`borrower:${late}`)) {
      if (Date.now() > deadline) throw new Error(`not reconciled within 20 s; published: ${keys.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      keys = (await published()).map((record) => record.key?.toString() ?? '');
    }
    expect(keys.filter((key) => key === `borrower:${late}`)).toHaveLength(1);
  });
});
