import { TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { KafkaBatchTransport } from '@ledgerhook/consumer';
import { dlqTopicName, type IncomeScore, incomeScoreSchema, TOPICS } from '@ledgerhook/contracts';
import { cloneBody } from '@ledgerhook/contracts/testing';
import { databaseUrlFor, dropDatabase, loadDatabaseConfig } from '@ledgerhook/database';
import { createKafkaClient, loadKafkaConfig } from '@ledgerhook/kafka';
import { endOffsets, type EndOffsets, readBetween, waitForGroupAtEnd } from '@ledgerhook/kafka/testing';
import { createLogger } from '@ledgerhook/platform';
import {
  type AppProcess,
  fetchServiceEndpoints,
  TEST_READ_API_TOKENS,
  TEST_READ_API_TOKENS_VARIABLE,
  walkReadApi,
  startAppProcess,
  startServiceForTest,
} from '@ledgerhook/platform/testing';
import type { Admin, Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { awaitedInsights } from '../borrowers/awaited-insights';
import { loadIncomeScorerConfig } from '../config/income-scorer.config';
import { IncomeScorerModule } from '../income-scorer.module';
import {
  seedFlatInsight,
  seedRecordInsight,
  seedTransactionsOfInsightBorrower,
} from '../scoring/testing/borrower-records';

// income-scorer end to end: CreditChek's webhooks signed and sent to the real ingress (its own
// process), the raw topic, the scorer on the real broker and PostgreSQL, its topic and read API.
const logger = createLogger('income-scorer', 'silent');
const kafka: Kafka = createKafkaClient(loadKafkaConfig('income-scoring.int-spec'), logger);
const suffix = randomBytes(3).toString('hex');
const SECRET = `cc-it-secret-${randomBytes(8).toString('hex')}`;
const baseUrl = loadDatabaseConfig('income-scoring.int-spec').url;
const databases = [`ledgerhook_it_is_${suffix}`, `ledgerhook_it_is_replay_${suffix}`];
const TOKEN = 'it-read-token-0123456789abcdef';
const borrower = (name: string) => `it-${suffix}-${name}`;

type Body = Record<string, unknown> & { data: Record<string, unknown> };
const withBorrower = (body: Record<string, unknown>, borrowerId: string): Body => {
  const copy = structuredClone(body) as Body;
  const data = (copy.data.record ?? copy.data) as Record<string, unknown>;
  data.borrowerId = borrowerId;
  return copy;
};
const upload = (id: string) => withBorrower(cloneBody('creditchek', 'pdf_upload.json'), id);
const transactions = (id: string) => withBorrower(seedTransactionsOfInsightBorrower(), id);
const failure = (id: string) =>
  withBorrower(cloneBody('creditchek', 'income_insight_failure.constructed.json'), id);

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface ScoreView extends Record<string, unknown> {
  resultId: string;
  current: boolean;
}

describe('income-scorer (signed webhooks at the ingress, real Kafka and PostgreSQL)', () => {
  let admin: Admin;
  let ingress: AppProcess;
  let scoresBefore: EndOffsets;
  const apps: INestApplication[] = [];
  let live: INestApplication;
  let api: string;

  const start = async (groupId: string, database: string) => {
    const config = loadIncomeScorerConfig({
      ...process.env,
      DATABASE_URL: databaseUrlFor(baseUrl, database),
      INCOME_SCORER_GROUP_ID: groupId,
      ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
      // The suite's reader, and a token of each kind for the walk of every route.
      READ_API_TOKENS: `it-reader:${TOKEN}:read,${TEST_READ_API_TOKENS_VARIABLE}`,
    });
    const app = await startServiceForTest({
      service: 'income-scorer',
      module: IncomeScorerModule.forRoot(config, kafka, logger),
      logger,
      microservice: (nest) => nest.get(KafkaBatchTransport),
    });
    apps.push(app);
    return app;
  };
  /** Sends a body as CreditChek does (shared secret header); the ce_id the ingress answers. */
  const send = async (body: unknown): Promise<string> => {
    const response = await fetch(`${ingress.url}/webhooks/creditchek`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-signature': SECRET },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { id: string }).id;
  };
  const read = async (base: string, route: string) => {
    const response = await fetch(`${base}${route}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const scoresOf = async (base: string, id: string) => {
    const answer = await read(base, `/borrowers/${id}/scores`);
    return answer.status === 200 ? (answer.body.scores as ScoreView[]) : [];
  };
  /** The borrower's current result once `ready` holds for it. */
  const currentResult = (base: string, id: string, ready: (score: ScoreView) => boolean) =>
    eventually(`the result of ${id}`, async () => {
      const current = (await scoresOf(base, id)).find((s) => s.current);
      return current && ready(current) ? current : undefined;
    });
  const published = async (borrowerIds: readonly string[]): Promise<IncomeScore[]> =>
    (
      await readBetween(
        kafka,
        TOPICS.incomeScores,
        scoresBefore,
        await endOffsets(admin, TOPICS.incomeScores),
      )
    )
      .map((r) => incomeScoreSchema.parse(JSON.parse(r.value?.toString() ?? '{}')))
      .filter((score) => borrowerIds.includes(score.borrowerId));

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    scoresBefore = await endOffsets(admin, TOPICS.incomeScores);
    ingress = await startAppProcess('ingress', {
      ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
      // A spool of its own: suites run side by side.
      SPOOL_DIR: mkdtempSync(path.join(tmpdir(), 'ingress-spool-')),
      CREDFIN_WEBHOOK_USERNAME: 'it-user',
      CREDFIN_WEBHOOK_PASSWORD: 'it-password',
      CREDITCHEK_WEBHOOK_SECRETS: SECRET,
      BRIDGE_WEBHOOK_SECRETS: 'it-bridge-secret',
      SHUTDOWN_DELAY_MS: '0',
    });
    live = await start(`it-is-${suffix}`, databases[0] as string);
    api = await live.getUrl();
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await ingress?.stop();
    await admin?.disconnect();
    for (const database of databases) await dropDatabase(databaseUrlFor(baseUrl, database));
  });

  it('scores a borrower from its four events in any order: one current result, on the topic and the read API', async () => {
    const orders = {
      natural: ['upload', 'transactions', 'insight', 'failure'],
      reversed: ['failure', 'insight', 'transactions', 'upload'],
      shuffled: ['insight', 'upload', 'failure', 'transactions'],
    } as const;
    const ceIds: Record<string, Record<string, string>> = {};
    for (const [name, order] of Object.entries(orders)) {
      const id = borrower(name);
      const bodies = {
        upload: upload(id),
        transactions: transactions(id),
        // Both public forms of the insight score the same.
        insight: withBorrower(name === 'shuffled' ? seedRecordInsight() : seedFlatInsight(), id),
        failure: failure(id),
      };
      ceIds[id] = {};
      for (const event of order) ceIds[id][event] = await send(bodies[event]);
    }

    for (const [name, order] of Object.entries(orders)) {
      const id = borrower(name);
      const sent = ceIds[id] as Record<string, string>;
      const failureAfterInsight = order.indexOf('failure') > order.indexOf('insight');
      const expectedInputs = [
        sent.insight,
        sent.transactions,
        ...(failureAfterInsight ? [sent.failure] : []),
      ];
      const current = await currentResult(api, id, (s) =>
        expectedInputs.every((ceId) => (s.inputCeIds as string[]).includes(ceId as string)),
      );
      // docs/scoring.md, section 8: 771, band B; the transactions differ from the insight -> refer.
      expect(current).toMatchObject({
        borrowerId: id,
        status: 'scored',
        score: 771,
        band: 'B',
        decision: 'refer',
        affordableMonthlyRepayment: { currency: 'NGN', minor: '4184934' },
        inputCeIds: [...expectedInputs].sort(),
      });
      expect(current.reasons).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'rule', code: 'income_mismatch' })]),
      );
      // One result stands; every other is history, and each was published once.
      const history = await scoresOf(api, id);
      expect(history.filter((s) => s.current)).toHaveLength(1);
      expect(history[0]?.resultId).toBe(current.resultId);
      const onTopic = await eventually(`${id} on ${TOPICS.incomeScores}`, async () => {
        const records = await published([id]);
        return records.at(-1)?.resultId === current.resultId ? records : undefined;
      });
      expect(onTopic.map((r) => r.resultId).sort()).toEqual(history.map((s) => s.resultId).sort());
      const { current: _, recordedAt: __, ...value } = current;
      expect(onTopic.at(-1)).toEqual(value);
      expect((await read(api, `/scores/${current.resultId}`)).body).toEqual(current);

      // No BVN, name or account number on the topic or in the read API.
      const view = await read(api, `/borrowers/${id}`);
      const exposed = JSON.stringify([onTopic, history, view.body]);
      for (const secret of ['7160010613', '1234567890', '22357999900', 'Test Jorm', 'TET JORM', 'LIONEL'])
        expect(exposed).not.toContain(secret);
      expect(view.body).toMatchObject({
        borrowerId: id,
        uploads: [{ ceId: sent.upload }],
        accounts: expect.arrayContaining([expect.objectContaining({ last4: '0613' })]),
        latestResultId: current.resultId,
      });
      expect((view.body.insights as unknown[]).length).toBe(2);
      // A reversed order received the upload last: its insight is awaited again.
      expect(view.body.awaited).toEqual(
        name === 'reversed' ? [{ event: 'income_insight', since: expect.any(String) }] : [],
      );
    }
  });

  it('answers "no score" with its reason for a failure, a failed account and unparseable figures', async () => {
    const failed = borrower('failed');
    const account = borrower('account');
    const broken = borrower('broken');
    const dlq = dlqTopicName('income-scorer');
    const dlqBefore = await endOffsets(admin, dlq);
    await send(upload(failed));
    await send(failure(failed));
    await send(withBorrower(cloneBody('creditchek', 'income_insight.failed.json'), account));
    const unparseable = withBorrower(seedFlatInsight(), broken);
    unparseable.data.DTI = '35%';
    await send(unparseable);
    // An upload that names no borrower cannot belong to one: dead-lettered, naming the field only.
    const nobody = upload('x');
    delete nobody.data.borrowerId;
    nobody.data.pdfUrl = `https://example.invalid/${suffix}.pdf`;
    await send(nobody);

    const expected: [string, string, string[]][] = [
      [failed, 'insight_failed', []],
      [account, 'account_analysis_failed', ['9467']],
      [broken, 'unparseable_figures', ['data.DTI']],
    ];
    for (const [id, code, detail] of expected) {
      const current = await currentResult(api, id, () => true);
      expect(current).toMatchObject({ status: 'no_score', reasons: [{ kind: 'no_score', code, detail }] });
      expect(current).not.toHaveProperty('score');
    }
    // Failures are answers: only the upload without a borrower went to the dead-letter topic.
    const dead = await eventually('the dead letter', async () => {
      const records = (await readBetween(kafka, dlq, dlqBefore, await endOffsets(admin, dlq))).filter((r) =>
        r.value?.toString().includes(suffix),
      );
      return records.length > 0 ? records : undefined;
    });
    expect(dead.map((r) => r.value?.toString())).toEqual([expect.stringContaining(`${suffix}.pdf`)]);
    const reason = dead[0]?.headers['dlq_error']?.toString() ?? '';
    expect(reason).toContain('data.borrowerId');
    expect(reason).not.toContain('7160010613');
    const view = await read(api, `/borrowers/${failed}`);
    expect(view.body.awaited).toEqual([]);
  });

  it('closes every route of openapi.yaml: 401 without a token or with a forged one, 403 without read', async () => {
    expect(
      await walkReadApi({
        openapi: path.join(__dirname, '../../openapi.yaml'),
        baseUrl: api,
        tokens: TEST_READ_API_TOKENS,
      }),
    ).toEqual([]);
  });

  it('lists borrowers whose upload still waits for its insight (for the reconciler)', async () => {
    const waiting = borrower('waiting');
    const uploadCeId = await send(upload(waiting));
    await eventually('the upload', async () =>
      (await read(api, `/borrowers/${waiting}`)).status === 200 ? true : undefined,
    );
    const view = await read(api, `/borrowers/${waiting}`);
    expect(view.body.awaited).toEqual([{ event: 'income_insight', since: expect.any(String) }]);
    expect(view.body.uploads).toEqual([expect.objectContaining({ ceId: uploadCeId })]);
    expect((await read(api, `/borrowers/${waiting}/scores`)).status).toBe(404);

    const db = new DataSource({ type: 'postgres', url: databaseUrlFor(baseUrl, databases[0] as string) });
    await db.initialize();
    try {
      const ours = <T extends { borrowerId: string }>(list: T[]) =>
        list.filter((a) => a.borrowerId.startsWith(`it-${suffix}-`));
      const awaited = ours(await awaitedInsights(db, new Date(Date.now() + 60_000), 10_000));
      expect(awaited.map((a) => a.borrowerId).sort()).toEqual([borrower('reversed'), waiting].sort());
      expect(awaited.find((a) => a.borrowerId === waiting)?.uploadedAt).toBeInstanceOf(Date);
      // Not yet older than T: not listed.
      expect(ours(await awaitedInsights(db, new Date(Date.now() - 3_600_000), 10_000))).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('gives identical results when the topic is replayed under a new group into an empty database', async () => {
    const ours = [
      ...Object.keys({ natural: 0, reversed: 0, shuffled: 0, failed: 0, account: 0, broken: 0 }),
    ].map(borrower);
    const group = `it-is-${suffix}`;
    await waitForGroupAtEnd(admin, group, [TOPICS.creditchekRaw], 30_000);
    const replay = await start(`it-is-replay-${suffix}`, databases[1] as string);
    await waitForGroupAtEnd(admin, `it-is-replay-${suffix}`, [TOPICS.creditchekRaw], 60_000);
    const replayApi = await replay.getUrl();
    for (const id of ours) {
      const before = await scoresOf(api, id);
      const after = await scoresOf(replayApi, id);
      expect(after.length).toBeGreaterThan(0);
      const strip = ({ recordedAt: _, ...rest }: ScoreView) => rest;
      // The result that stands is the same (same id, same score); a result both runs published is
      // the same to the last field. Intermediate results depend on how the events were batched (a
      // chunk folds several events before it scores), so either run may have one the other has not.
      expect(after.find((s) => s.current)).toEqual(
        expect.objectContaining(strip(before.find((s) => s.current) as ScoreView)),
      );
      for (const result of after) {
        const live = before.find((s) => s.resultId === result.resultId);
        if (live) expect(strip(result)).toEqual(strip({ ...live, current: result.current }));
      }
    }

    // The read API is closed without a token on every route of its OpenAPI file; probes stay open.
    const spec = readFileSync(path.join(__dirname, '../../openapi.yaml'), 'utf8');
    const routes = [...spec.matchAll(/^  (\/[^:]+):$/gm)].map((m) => m[1] as string);
    expect(routes.length).toBeGreaterThan(3);
    for (const route of routes) {
      const status = (await fetch(`${api}${route.replace('{id}', 'x')}`)).status;
      const open = ['/healthz', '/readyz', '/metrics'].includes(route);
      expect([route, open ? status !== 401 : status]).toEqual([route, open ? true : 401]);
    }
    const endpoints = await fetchServiceEndpoints(live);
    expect(endpoints.healthz).toBe(200);
    expect(endpoints.readyz.status).toBe(200);
    expect(Object.keys(endpoints.readyz.body.checks).sort()).toEqual(['consumer', 'database', 'kafka']);
    expect(endpoints.metrics.body).toContain('service="income-scorer"');
  });
});
