import {
  applicationStateSchema,
  dlqTopicName,
  incomeScoreSchema,
  reportSchema,
  TOPICS,
  type ApplicationState,
} from '@ledgerhook/contracts';
import { type SentFlow, startTraffic, trafficSummary } from './support/simulator-traffic';
import { SystemUnderTest } from './support/system-under-test';
import { until } from './support/until';

// Issue 17 end to end: the provider simulator's own traffic — complete Credfin applications,
// CreditChek borrowers and Bridge items, each with its provider's authentication and delivery
// behaviour — through the ingress and every consumer, checked against what the simulator says it
// sent (GET /admin/traffic): projections, artifacts, scores and every downstream topic complete,
// nothing dead-lettered, nothing personal downstream. Every app is its own process, built as in
// production, on a broker and a database of this suite's own.
jest.setTimeout(300_000);

const PER_PROVIDER = 3;
let system: SystemUnderTest;

const traffic = () => trafficSummary(system);
const json = async <T>(response: Promise<Response>): Promise<{ status: number; body: T }> => {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as T };
};
const values = async (topic: string) =>
  (await system.records(topic)).map((record) => record.value?.toString() ?? '');

beforeAll(async () => {
  system = await SystemUnderTest.start(
    ['provider-simulator', 'ingress', 'lifecycle-projector', 'report-retriever', 'income-scorer'],
    { kafkaPort: 19202 },
  );
}, 300_000);

afterAll(async () => {
  await system?.stop();
});

describe("the simulator's provider traffic through the whole platform (every app a process)", () => {
  it('turns every application, borrower and item it sent into complete projections, artifacts and scores', async () => {
    expect(await startTraffic(system, { ratePerSecond: 3, limit: PER_PROVIDER * 3 })).toBe(202);
    const sent = await until(traffic, (now) => now.sent.length === PER_PROVIDER * 3, 120_000);
    // Every webhook answered 200 at once: nothing retried, nothing refused.
    expect(sent.sent.every((flow) => flow.complete)).toBe(true);
    expect(Object.keys(sent.deliveries.byStatus)).toEqual(['200']);
    expect(sent.deliveries.retries).toBe(0);
    const of = (provider: SentFlow['provider']) => sent.sent.filter((flow) => flow.provider === provider);
    for (const provider of ['credfin', 'creditchek', 'bridge'] as const)
      expect([provider, of(provider).length]).toEqual([provider, PER_PROVIDER]);
    const webhooks = (provider: SentFlow['provider']) =>
      of(provider).reduce((sum, flow) => sum + flow.webhooks, 0);

    // Every 2xx is on its raw topic, once.
    expect((await system.records(TOPICS.credfinRaw)).length).toBe(webhooks('credfin'));
    expect((await system.records(TOPICS.creditchekRaw)).length).toBeGreaterThanOrEqual(
      webhooks('creditchek'),
    );
    expect((await system.records(TOPICS.bridgeRaw)).length).toBe(webhooks('bridge'));

    // Credfin: each application at bundle_ready in the read API with both accounts' balances and
    // owners, its ten artifacts stored and announced, and complete on lending.applications.v1.
    for (const { id } of of('credfin')) {
      const application = await until(
        () =>
          json<{ status: string; accounts: { balance?: unknown; owner?: { status: string } }[] }>(
            system.read('lifecycle-projector', `/applications/${id}`),
          ),
        ({ status, body }) =>
          status === 200 &&
          body.status === 'bundle_ready' &&
          body.accounts.length === 2 &&
          body.accounts.every((a) => a.balance && a.owner?.status === 'success'),
        120_000,
      );
      expect(application.body.status).toBe('bundle_ready');
      const artifacts = await until(
        () =>
          json<{ artifacts: unknown[] }>(system.read('report-retriever', `/applications/${id}/artifacts`)),
        ({ status, body }) => status === 200 && body.artifacts.length >= 10,
        120_000,
      );
      expect(artifacts.body.artifacts).toHaveLength(10);
      const reports = (await values(TOPICS.reports))
        .map((value) => reportSchema.parse(JSON.parse(value)))
        .filter((report) => report.applicationId === id);
      expect(new Set(reports.map((r) => `${r.kind}:${r.analysisId ?? ''}`)).size).toBe(10);
      const latest = await until(
        async () =>
          (await values(TOPICS.applications))
            .map((value) => applicationStateSchema.parse(JSON.parse(value)))
            .filter((state) => state.applicationId === id)
            .at(-1),
        (state?: ApplicationState) =>
          state?.status === 'bundle_ready' && Object.values(state.artifacts).every(Boolean),
      );
      expect(latest?.accounts).toHaveLength(2);
    }

    // CreditChek: each borrower scored, on lending.income-scores.v1 and in the read API.
    const scores = await until(
      async () =>
        (await values(TOPICS.incomeScores)).map((value) => incomeScoreSchema.parse(JSON.parse(value))),
      (all) => of('creditchek').every(({ id }) => all.some((score) => score.borrowerId === `sim-${id}`)),
      120_000,
    );
    for (const { id } of of('creditchek')) {
      const published = scores.filter((score) => score.borrowerId === `sim-${id}`).at(-1);
      expect(published?.status).toBe('scored');
      const served = await json<{ scores: { resultId: string }[] }>(
        system.read('income-scorer', `/borrowers/sim-${id}/scores`),
      );
      expect(served.body.scores[0]?.resultId).toBe(published?.resultId);
    }

    // Bridge: each item projected with the balance and transactions its events carried.
    const bridgeEvents = (await values(TOPICS.bridgeRaw)).map(
      (value) => JSON.parse(value) as { type: string; content: Record<string, number> },
    );
    for (const { id } of of('bridge')) {
      const created = bridgeEvents.find(
        (e) => e.type === 'item.account.created' && String(e.content['item_id']) === id,
      );
      const updated = bridgeEvents.find(
        (e) => e.type === 'item.account.updated' && String(e.content['item_id']) === id,
      );
      const item = await until(
        () =>
          json<{
            accounts: { balance?: { amount: string; currency: string }; transactions?: { new: number } }[];
          }>(system.read('lifecycle-projector', `/bridge/items/${id}`)),
        ({ status, body }) => status === 200 && body.accounts?.[0]?.transactions?.new !== undefined,
      );
      expect(item.body.accounts[0]).toMatchObject({
        balance: { amount: Number(created?.content['balance']).toFixed(2), currency: 'EUR' },
        transactions: { new: updated?.content['nb_new_transactions'] },
      });
    }

    // Nothing dead-lettered; no synthetic person's name or email downstream.
    for (const consumer of ['lifecycle-projector', 'report-retriever', 'income-scorer'])
      expect([consumer, (await system.records(dlqTopicName(consumer))).length]).toEqual([consumer, 0]);
    const personal = (await values(TOPICS.credfinRaw)).flatMap((value) => {
      const payload = (JSON.parse(value) as { payload: { full_name?: string; email?: string } }).payload;
      return [payload.full_name, payload.email].filter((text): text is string => !!text);
    });
    expect(personal.length).toBeGreaterThan(0);
    const downstream = [
      ...(await values(TOPICS.applications)),
      ...(await values(TOPICS.reports)),
      ...(await values(TOPICS.incomeScores)),
    ].join('\n');
    for (const text of new Set(personal)) expect(downstream).not.toContain(text);
  });
});
