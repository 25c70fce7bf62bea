import { incomeScoreSchema, TOPICS } from '@ledgerhook/contracts';
import { SystemUnderTest } from './support/system-under-test';
import { until } from './support/until';

// Issue 10 end to end: CreditChek sends each webhook once. A borrower's upload arrives (signed, at
// the ingress) and its insight webhook never does; the income-scorer's reconciler fetches the insight
// from CreditChek's API (the provider simulator), publishes it to webhooks.creditchek.v1 as the
// ingress would, and the scorer scores it: on lending.income-scores.v1 and in the read API. Every app
// is its own process, built as in production, on a broker and a database of this suite's own.
jest.setTimeout(180_000);

let system: SystemUnderTest;

const postCreditChek = async (body: unknown): Promise<number> => {
  const response = await fetch(`${system.url('ingress')}/webhooks/creditchek`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-auth-signature': system.credentials.env.CREDITCHEK_WEBHOOK_SECRETS,
    },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
};

/** Completed reconciler runs, from the scorer's metrics. */
const reconcilerRuns = async (): Promise<number> => {
  const text = await (await fetch(system.app('income-scorer').metricsUrl)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('creditchek_reconciliation_runs_total{') && l.includes('result="done"'));
  return Number(line?.split(' ').at(-1) ?? 0);
};

beforeAll(async () => {
  system = await SystemUnderTest.start(['provider-simulator', 'ingress', 'income-scorer'], {
    kafkaPort: 19196,
    apps: {
      'income-scorer': { CREDITCHEK_RECONCILE_AFTER: '2s', CREDITCHEK_RECONCILE_INTERVAL: '500ms' },
    },
  });
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

describe('no insight lost to a single-shot webhook (every app a process)', () => {
  it('reconciles an upload whose insight webhook never came from the API and scores it', async () => {
    const borrowerId = 'e2e-borrower-1';
    const registered = await fetch(`${system.url('provider-simulator')}/admin/creditchek/insights`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ borrowerId, appId: 'e2e-app-1' }),
    });
    expect(registered.status).toBe(201);
    expect(
      await postCreditChek({
        event: 'pdf_upload',
        data: { success: true, accountNumber: '7160010613', borrowerId },
      }),
    ).toBe(200);

    // The reconciler's record: CreditChek's insight, stored as the ingress would, marked as fetched.
    const fetched = await until(
      async () =>
        (await system.records(TOPICS.creditchekRaw)).filter(
          (record) => record.headers['ce_source']?.toString() === '/providers/creditchek/reconciler',
        ),
      (found) => found.length === 1,
    );
    expect(JSON.parse(fetched[0]?.value?.toString() ?? '{}')).toMatchObject({ event: 'income_insight' });

    // Scored, published and served.
    const published = await until(
      async () =>
        (await system.records(TOPICS.incomeScores))
          .map((record) => incomeScoreSchema.parse(JSON.parse(record.value?.toString() ?? '{}')))
          .filter((score) => score.borrowerId === borrowerId && score.status === 'scored'),
      (scores) => scores.length > 0,
    );
    const latest = published.at(-1);
    expect(latest?.inputCeIds).toContain(fetched[0]?.headers['ce_id']?.toString());
    const served = (await (await system.read('income-scorer', `/borrowers/${borrowerId}/scores`)).json()) as {
      scores: { resultId: string }[];
    };
    expect(served.scores[0]?.resultId).toBe(latest?.resultId);
    // Nothing personal on the topics: the account number appears only as its last 4 digits.
    const topicText = (await system.records(TOPICS.incomeScores))
      .map((record) => record.value?.toString())
      .join('\n');
    expect(topicText).not.toContain('7160010613');

    // Later runs of the reconciler publish nothing new for this upload.
    const runs = await reconcilerRuns();
    await until(reconcilerRuns, (now) => now >= runs + 2);
    const again = (await system.records(TOPICS.creditchekRaw)).filter(
      (record) => record.headers['ce_source']?.toString() === '/providers/creditchek/reconciler',
    );
    expect(again).toHaveLength(1);
  });
});
