import { z } from 'zod';
import { parseConfig } from '../config/parse-config';

export interface ListenConfig {
  /** The address both listeners bind (HOST). */
  host: string;
  /** /metrics, for the cluster's scraper only (METRICS_PORT). */
  metricsPort: number;
}

/**
 * `HOST` (default `0.0.0.0`, as a container needs; `127.0.0.1` keeps a service to its machine) and
 * `METRICS_PORT` (default 9464, Prometheus's exporter port; k8s/base/platform sets it; 0 = any free port).
 */
export function loadListenConfig(
  service: string,
  env: Record<string, string | undefined> = process.env,
): ListenConfig {
  const parsed = parseConfig(
    service,
    {
      HOST: z
        .string()
        .regex(/^[0-9A-Za-z.:-]{1,253}$/, 'must be an IP address or host name to bind, e.g. 127.0.0.1')
        .default('0.0.0.0'),
      // 0: any free port (tests and benches start several services on one machine).
      METRICS_PORT: z.coerce
        .number({ error: 'must be a port number' })
        .int('must be an integer')
        .min(0, 'must be between 0 and 65535')
        .max(65535, 'must be between 0 and 65535')
        .default(9464),
    },
    env,
  );
  return { host: parsed.HOST, metricsPort: parsed.METRICS_PORT };
}
