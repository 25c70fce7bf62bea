import type { INestApplication } from '@nestjs/common';

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
}

/** Calls a listening service's operational endpoints over real HTTP (used by the apps' int-specs). */
export async function fetchServiceEndpoints(app: INestApplication): Promise<ServiceEndpointAnswers> {
  const base = await app.getUrl();
  const healthz = await fetch(`${base}/healthz`);
  const readyz = await fetch(`${base}/readyz`);
  const metrics = await fetch(`${base}/metrics`);
  return {
    healthz: healthz.status,
    readyz: {
      status: readyz.status,
      body: (await readyz.json()) as ServiceEndpointAnswers['readyz']['body'],
    },
    metrics: {
      status: metrics.status,
      contentType: metrics.headers.get('content-type'),
      body: await metrics.text(),
    },
  };
}
