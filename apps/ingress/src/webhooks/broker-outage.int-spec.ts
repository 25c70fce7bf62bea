import { LocalKafkaInstance } from '@ledgerhook/kafka/testing';
import { type IngressUnderTest, post, providerHeaders, startIngress } from '../testing/ingress-harness';

// A broker of its own (port 19092), so stopping it does not disturb the other suites.
const broker = new LocalKafkaInstance(19092);
const PUBLISH_TIMEOUT_MS = 1_500;

describe('ingress when Kafka is down', () => {
  let ingress: IngressUnderTest;

  beforeAll(async () => {
    broker.start();
    ingress = await startIngress({
      KAFKA_BROKERS: broker.brokers,
      PUBLISH_TIMEOUT_MS: String(PUBLISH_TIMEOUT_MS),
      SHUTDOWN_GRACE_MS: '4000',
    });
  }, 120_000);

  afterAll(async () => {
    // The broker comes back before the ingress shuts down, so the send that timed out completes and
    // the idempotent producer (which retries without limit) has nothing left to retry.
    broker.start();
    await ingress?.close();
    broker.stop();
  }, 60_000);

  // Bridge retries for days, so a 503 is right for it; CreditChek (spooled) is spool.int-spec.ts's.
  it('answers 200 while the broker is up, then 503 with Retry-After within the deadline once it stops', async () => {
    const body = Buffer.from(
      '{"type":"item.refreshed","timestamp":1700000000000,"content":{"item_id":4242}}',
    );
    const up = await post(`${ingress.url}/webhooks/bridge`, body, providerHeaders('bridge', body));
    expect(up.status).toBe(200);

    broker.stop();
    const started = performance.now();
    const down = await post(`${ingress.url}/webhooks/bridge`, body, providerHeaders('bridge', body));
    const elapsed = performance.now() - started;
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ error: 'unavailable', message: expect.any(String) });
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Not a hang: the answer comes by the publish deadline (plus generous scheduling slack).
    expect(elapsed).toBeLessThan(PUBLISH_TIMEOUT_MS + 3_000);
  }, 60_000);
});
