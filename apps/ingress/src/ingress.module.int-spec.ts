import { fetchServiceEndpoints } from '@ledgerhook/platform/testing';
import { type IngressUnderTest, startIngress } from './testing/ingress-harness';

// Boots the real service on a free port against the broker `npm test` provides.
describe('ingress service', () => {
  let ingress: IngressUnderTest;

  beforeAll(async () => {
    ingress = await startIngress();
  });

  afterAll(async () => {
    await ingress?.close();
  });

  it('answers /healthz, /readyz (with its dependencies), and /metrics on METRICS_PORT only', async () => {
    const answers = await fetchServiceEndpoints(ingress.app);
    expect(answers.healthz).toBe(200);
    expect(answers.readyz.status).toBe(200);
    expect(answers.readyz.body.checks).toEqual({ kafka: true, 'kafka-producer': true, spool: true });
    // The spool (CreditChek by default) shows its depth whether ready or not.
    expect(answers.readyz.body.details).toEqual({ spool: { records: 0, bytes: 0, setAside: 0 } });
    expect(answers.metrics.status).toBe(200);
    expect(answers.metricsOnServicePort).toBe(404);
    expect(answers.metrics.body).toContain('service="ingress"');
    expect(answers.metrics.body).toContain('ingress_events_in_flight');
    expect(answers.metrics.body).toMatch(/^ingress_spool_records\{[^}]*\} 0$/m);
  });

  it('answers without a framework banner or body-hash ETags', async () => {
    const response = await fetch(`${ingress.url}/healthz`);
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('etag')).toBeNull();
  });
});
