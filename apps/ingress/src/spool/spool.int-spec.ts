import { readdirSync, statSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { buildCloudEventHeaders, CLOUD_EVENT_HEADERS } from '@ledgerhook/contracts';
import { startIngressProcess } from '../testing/ingress.process';
import {
  creditchek,
  expectInOrderPerKey,
  onTopic,
  send,
  type Sent,
  spoolSuite,
  TOPIC,
  until,
} from '../testing/spool-suite';
import { DurableSpool } from './durable-spool';

// The spool against a real broker of its own, which these tests stop and start, and the ingress as a
// process of its own, which they kill -9. The 60 s broker outage under load is in
// spool-outage.fault-spec.ts (`npm run test:faults`): over a minute, so not part of `npm test`.
describe('ingress spool (real broker stopped and started, ingress killed)', () => {
  const suite = spoolSuite(0);

  it('kill -9 with records in the spool: after the restart each reaches the topic exactly once', async () => {
    const dir = suite.spoolDir();
    const first = await startIngressProcess(suite.ingressEnv(dir));
    const sent: Sent[] = [];
    try {
      expect((await send(first, 'warm', 0)).status).toBe(200);
      await suite.broker.stopInBackground();
      await Promise.all(
        Array.from({ length: 10 }, async (_, k) => {
          for (let n = 0; n < 3; n++) sent.push(await send(first, `killed-${k}`, n));
        }),
      );
      expect(sent.map((s) => s.status)).toEqual(sent.map(() => 200));
      expect((await first.spool()).records).toBe(30);
    } finally {
      await first.kill('SIGKILL');
    }
    await suite.broker.startInBackground();
    const second = await startIngressProcess(suite.ingressEnv(dir));
    try {
      await until('the replayed spool drained', async () => (await second.spool()).records === 0, 120_000);
      const { count, byKey } = await onTopic(suite.kafka, suite.admin);
      expect(sent.map((s) => count.get(s.id as string))).toEqual(sent.map(() => 1));
      expectInOrderPerKey(sent, byKey);
    } finally {
      await second.kill('SIGTERM');
    }
  }, 300_000);

  it('a torn tail is set aside and reported; the intact records before it reach the topic', async () => {
    const dir = suite.spoolDir();
    const spool = await DurableSpool.open(dir, 1 << 20);
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      // What the ingress spools: the body as received, the headers it built for it.
      const headers = buildCloudEventHeaders({
        source: 'creditchek',
        eventName: 'pdf_upload',
        subject: 'torn-borrower',
        dedupKey: `torn-${n}`,
        receivedAt: new Date(),
        contentType: 'application/json',
      });
      ids.push(headers[CLOUD_EVENT_HEADERS.id] as string);
      await spool.append({
        topic: TOPIC,
        key: 'torn-borrower',
        value: creditchek('torn-borrower', n),
        headers,
      });
    }
    await spool.close();
    const segment = readdirSync(dir).find((name) => name.endsWith('.log')) as string;
    truncateSync(path.join(dir, segment), statSync(path.join(dir, segment)).size - 10);

    const ingress = await startIngressProcess(suite.ingressEnv(dir));
    try {
      await until('the spool drained', async () => (await ingress.spool()).records === 0, 60_000);
      expect(await ingress.spool()).toEqual(expect.objectContaining({ setAside: 1 }));
      expect(await (await fetch(ingress.metricsUrl)).text()).toMatch(
        /^ingress_spool_set_aside_files\{[^}]*\} 1$/m,
      );
      expect(ingress.output()).toMatch(/set aside/);
      expect(readdirSync(dir).filter((name) => name.includes('.corrupt-'))).toHaveLength(1);
      const { count } = await onTopic(suite.kafka, suite.admin);
      expect(ids.map((id) => count.get(id) ?? 0)).toEqual([1, 1, 1, 1, 0]);
    } finally {
      await ingress.kill('SIGTERM');
    }
  }, 180_000);
});
