import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TOPICS } from '@ledgerhook/contracts';
import { ROOT } from '../support/app-process';
import { startTraffic, trafficSummary } from '../support/simulator-traffic';
import { SystemUnderTest } from '../support/system-under-test';
import { until } from '../support/until';

// Issue 17 item 5, part of `npm run test:faults`: the broker killed -9 while the simulator's traffic
// sends CreditChek borrowers and Bridge items, then restarted on its own data. Every flow whose every
// webhook the ingress acknowledged (2xx) is on its raw topic in full: CreditChek's two events per
// borrower (sent once, never retried: the ingress's spool answers for them while Kafka is down), and
// Bridge's four per item (retried by the simulator on a 503, as Bridge does). The ingress is its own
// process, built as in production, on a broker of this suite's own.
jest.setTimeout(360_000);

const FLOWS = 60;
let system: SystemUnderTest;

const summary = () => trafficSummary(system);

/** Distinct record values per key on a topic. */
async function valuesByKey(topic: string): Promise<Map<string, Set<string>>> {
  const byKey = new Map<string, Set<string>>();
  for (const record of await system.records(topic)) {
    const key = record.key?.toString() ?? '';
    byKey.set(key, (byKey.get(key) ?? new Set()).add(record.value?.toString() ?? ''));
  }
  return byKey;
}

beforeAll(async () => {
  system = await SystemUnderTest.start(['provider-simulator', 'ingress'], { kafkaPort: 19218 });
}, 300_000);

afterAll(async () => {
  await system?.stop();
});

describe('broker killed -9 under load and restarted (the ingress a process)', () => {
  it('has every fully acknowledged flow on its raw topic', async () => {
    expect(
      await startTraffic(system, {
        ratePerSecond: 10,
        limit: FLOWS,
        mix: { credfin: 0, creditchek: 1, bridge: 1 },
      }),
    ).toBe(202);
    // Under load: some flows done, most still to come.
    const before = await until(summary, (now) => now.sent.length >= 5);
    expect(before.sent.length).toBeLessThan(FLOWS);

    const pid = Number(
      readFileSync(path.join(ROOT, '.cache', 'kafka', 'instances', '19218', 'kafka.pid'), 'utf8').trim(),
    );
    process.kill(pid, 'SIGKILL');
    await until(
      async () => {
        try {
          process.kill(pid, 0);
          return false;
        } catch {
          return true;
        }
      },
      (dead) => dead,
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // down for a while under load
    await system.broker.startInBackground();

    const after = await until(summary, (now) => now.sent.length === FLOWS, 240_000);
    // The outage was felt: Bridge deliveries refused (or answered late) while Kafka was down, retried.
    expect(after.deliveries.retries).toBeGreaterThan(0);
    const complete = after.sent.filter((flow) => flow.complete);
    expect(complete.length).toBeGreaterThan(0);
    const creditchek = await until(
      () => valuesByKey(TOPICS.creditchekRaw),
      (byKey) =>
        complete
          .filter((f) => f.provider === 'creditchek')
          .every((f) => (byKey.get(`borrower:sim-${f.id}`)?.size ?? 0) >= 2),
      120_000,
    );
    const bridge = await valuesByKey(TOPICS.bridgeRaw);
    for (const flow of complete) {
      const held =
        flow.provider === 'creditchek'
          ? creditchek.get(`borrower:sim-${flow.id}`)
          : bridge.get(`item:${flow.id}`);
      expect([flow.provider, flow.id, held?.size ?? 0]).toEqual([flow.provider, flow.id, flow.webhooks]);
    }
  });
});
