import { dlqTopicName } from '@ledgerhook/contracts';
import { RETRIEVER_QUICK_BREAKER } from '../support/credfin-traffic';
import { startTraffic, trafficSummary } from '../support/simulator-traffic';
import { SystemUnderTest } from '../support/system-under-test';
import { until } from '../support/until';

// Issue 17 item 5, part of `npm run test:faults` (over a minute, so not in `npm test`): Credfin's API
// down for a whole minute while the simulator's traffic sends complete applications. The
// report-retriever pauses (its breaker opens, /readyz names Credfin), dead-letters nothing, and once
// the API is back fetches every artifact of every application the simulator says it sent. Every app is
// its own process, built as in production, on a broker and a database of this suite's own.
jest.setTimeout(360_000);

const OUTAGE_MS = 60_000;
const APPLICATIONS = 3;
const CREDFIN_ONLY = { ratePerSecond: 2, limit: APPLICATIONS, mix: { credfin: 1, creditchek: 0, bridge: 0 } };
let system: SystemUnderTest;

const simulator = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${system.url('provider-simulator')}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

beforeAll(async () => {
  system = await SystemUnderTest.start(
    ['provider-simulator', 'ingress', 'lifecycle-projector', 'report-retriever'],
    {
      kafkaPort: 19208,
      apps: { 'report-retriever': RETRIEVER_QUICK_BREAKER },
    },
  );
}, 300_000);

afterAll(async () => {
  await system?.stop();
});

describe('Credfin API down for a minute (every app a process)', () => {
  it('pauses, dead-letters nothing and fetches every artifact once the API is back', async () => {
    const outageStarted = Date.now();
    expect((await simulator('/admin/faults', 'POST', { failStatus: 503, failForMs: OUTAGE_MS })).status).toBe(
      204,
    );
    expect(await startTraffic(system, CREDFIN_ONLY)).toBe(202);
    const sent = await until(
      () => trafficSummary(system),
      (summary) => summary.sent.length === APPLICATIONS,
    );
    expect(sent.sent.every((flow) => flow.complete)).toBe(true);

    // During the outage the retriever is paused on Credfin, not failing its events.
    const ready = await until(
      async () => {
        const response = await fetch(`${system.url('report-retriever')}/readyz`);
        return { status: response.status, body: await response.text() };
      },
      (answer) => answer.status === 503,
      OUTAGE_MS,
    );
    expect(ready.body.toLowerCase()).toContain('credfin');
    expect(Date.now() - outageStarted).toBeLessThan(OUTAGE_MS);

    // After it: every application's ten artifacts stored, nothing dead-lettered.
    for (const { id } of sent.sent) {
      const artifacts = await until(
        async () => {
          const response = await system.read('report-retriever', `/applications/${id}/artifacts`);
          return response.status === 200
            ? ((await response.json()) as { artifacts: unknown[] }).artifacts
            : [];
        },
        (list) => list.length >= 10,
        OUTAGE_MS + 120_000,
      );
      expect([id, artifacts.length]).toEqual([id, 10]);
    }
    expect(Date.now() - outageStarted).toBeGreaterThanOrEqual(OUTAGE_MS);
    expect(await system.records(dlqTopicName('report-retriever'))).toHaveLength(0);
    expect((await fetch(`${system.url('report-retriever')}/readyz`)).status).toBe(200);
  });
});
