import type { DynamicModule, Type } from '@nestjs/common';
import type { Logger } from 'pino';
import { HealthModule } from '../health/health.module';
import { LoggingModule } from '../logging/logging.module';
import { MetricsModule } from '../metrics/metrics.module';

/** The modules every service imports first: its logger, health endpoints and metrics registry. */
export function platformImports(service: string, logger: Logger): Array<DynamicModule | Type<unknown>> {
  return [LoggingModule.forService(logger), HealthModule, MetricsModule.forService(service)];
}
