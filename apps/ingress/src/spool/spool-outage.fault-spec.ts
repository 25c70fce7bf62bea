import { startIngressProcess } from '../testing/ingress.process';
import { expectInOrderPerKey, onTopic, send, type Sent, spoolSuite, until } from '../testing/spool-suite';

// Fault suite (`npm run test:faults`, over a minute): the broker stopped for 60 s while CreditChek's
// webhooks keep coming; the spool answers them and drains them, in order per key, once it is back.
const OUTAGE_MS = 60_000;

describe('ingress spool through a 60 s broker outage (real broker stopped and started)', () => {
  const suite = spoolSuite(4);

  it('broker stopped for 60 s under CreditChek load: no 503, every 200 on the topic once it returns, in order per key', async () => {
    const ingress = await startIngressProcess(suite.ingressEnv(suite.spoolDir()));
    try {
      const sent: Sent[] = [];
      let running = true;
      // Each borrower's webhooks one after another (their order is defined), borrowers side by side.
      const senders = Array.from({ length: 8 }, async (_, k) => {
        for (let n = 0; running; n++) {
          sent.push(await send(ingress, `outage-${k}`, n));
          // About 60 webhooks/s in all: thousands spooled, and a drain (one record per key at a time)
          // that ends in time on a loaded 2-core CI machine.
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await suite.broker.stopInBackground();
      const stoppedAt = sent.length;
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      const spooled = await ingress.spool();
      await suite.broker.startInBackground();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      running = false;
      await Promise.all(senders);

      expect(sent.filter((s) => s.status !== 200)).toEqual([]);
      // The outage was real: the load went on, into the spool.
      expect(sent.length - stoppedAt).toBeGreaterThan(100);
      expect(spooled.records).toBeGreaterThan(100);
      await until('the spool drained', async () => (await ingress.spool()).records === 0, 240_000);
      const { count, byKey } = await onTopic(suite.kafka, suite.admin);
      for (const s of sent) expect(count.get(s.id as string) ?? 0).toBeGreaterThanOrEqual(1);
      expectInOrderPerKey(sent, byKey);
    } finally {
      await ingress.kill('SIGTERM');
    }
  }, 480_000);
});
