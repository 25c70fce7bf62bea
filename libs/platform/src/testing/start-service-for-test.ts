import type { INestApplication } from '@nestjs/common';
import { bootstrapService, type ServiceBootstrapOptions } from '../bootstrap/bootstrap-service';

/**
 * Boots a service as main.ts would, on free loopback ports (its routes, and /metrics), leaving process signals to the test
 * runner (tests start several services in one process and close them themselves).
 */
export function startServiceForTest(
  options: Omit<ServiceBootstrapOptions, 'port' | 'host' | 'metricsPort' | 'handleSignals'>,
): Promise<INestApplication> {
  return bootstrapService({ ...options, port: 0, metricsPort: 0, host: '127.0.0.1', handleSignals: false });
}
