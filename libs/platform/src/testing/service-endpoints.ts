import type { INestApplication } from '@nestjs/common';
import { MetricsListener } from '../metrics/metrics.listener';

export interface ServiceEndpointAnswers {
  healthz: number;
  readyz: {
    status: number;
    body: {
      status: string;
      checks: Record<string, boolean>;
      reasons?: Record<string, string>;
      details?: Record<string, Record<string, number | string>>;
    };
  };
  metrics: { status: number; contentType: string | null; body: string };
  /** GET /metrics on the service's own port: 404, it is served on METRICS_PORT only. */
  metricsOnServicePort: number;
}

/** Where a service started by bootstrapService serves /metrics (METRICS_PORT, apart from its routes). */
export function metricsUrlOf(app: INestApplication): string {
  return app.get(MetricsListener, { strict: false }).url();
}

/** Calls a listening service's operational endpoints over real HTTP (used by the apps' int-specs). */
export async function fetchServiceEndpoints(app: INestApplication): Promise<ServiceEndpointAnswers> {
  const base = await app.getUrl();
  const healthz = await fetch(`${base}/healthz`);
  const readyz = await fetch(`${base}/readyz`);
  const metrics = await fetch(metricsUrlOf(app));
  return {
    healthz: healthz.status,
    readyz: {
      status: readyz.status,
      body: (await readyz.json()) as ServiceEndpointAnswers['readyz']['body'],
    },
    metricsOnServicePort: (await fetch(`${base}/metrics`)).status,
    metrics: {
      status: metrics.status,
      contentType: metrics.headers.get('content-type'),
      body: await metrics.text(),
    },
  };
}
