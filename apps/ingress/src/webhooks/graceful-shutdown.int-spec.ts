import { parseCloudEventHeaders } from '@ledgerhook/contracts';
import { endOffsets, readBetween } from '@ledgerhook/kafka/testing';
import { fetchServiceEndpoints } from '@ledgerhook/platform/testing';
import { LanedPublisher } from '../publishing/laned.publisher';
import { post, providerHeaders, startIngress } from '../testing/ingress-harness';

const TOPIC = 'webhooks.bridge.v1';

describe('ingress shutdown', () => {
  it('finishes in-flight requests and flushes the producer: every 200 is in Kafka', async () => {
    // A long linger holds every accepted event in the publisher's queue when the shutdown starts.
    const ingress = await startIngress({ PUBLISH_LINGER_MS: '60000' });
    const publisher = ingress.app.get(LanedPublisher);
    const admin = ingress.kafka.admin();
    await admin.connect();
    try {
      const before = await endOffsets(admin, TOPIC);
      const bodies = Array.from({ length: 60 }, (_, i) =>
        Buffer.from(
          JSON.stringify({
            type: 'item.refreshed',
            timestamp: 1700000000000 + i,
            content: { item_id: 9000 + i },
          }),
        ),
      );
      const answers = bodies.map((body) =>
        post(`${ingress.url}/webhooks/bridge`, body, providerHeaders('bridge', body)),
      );
      for (let i = 0; i < 1_000 && publisher.inFlightCount < bodies.length; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(publisher.inFlightCount).toBe(bodies.length);
      expect((await fetchServiceEndpoints(ingress.app)).readyz.status).toBe(200);

      // SIGTERM's path: Nest's shutdown hooks (draining, HTTP close, producer flush).
      await ingress.close();
      const settled = await Promise.all(answers);

      expect(settled.map((answer) => answer.status)).toEqual(bodies.map(() => 200));
      const records = await readBetween(ingress.kafka, TOPIC, before, await endOffsets(admin, TOPIC));
      const published = new Set(records.map((record) => parseCloudEventHeaders(record.headers).id));
      for (const answer of settled) expect(published.has(answer.body['id'] as string)).toBe(true);
    } finally {
      await admin.disconnect();
    }
  });
});
