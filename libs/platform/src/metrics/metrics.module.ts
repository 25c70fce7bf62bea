import { type DynamicModule, Global, Module } from '@nestjs/common';
import { MetricsListener } from './metrics.listener';
import { MetricsRegistry } from './metrics.registry';

/** The service's registry, served by MetricsListener on METRICS_PORT (bootstrapService starts it). */
@Global()
@Module({})
export class MetricsModule {
  static forService(service: string): DynamicModule {
    return {
      module: MetricsModule,
      providers: [{ provide: MetricsRegistry, useValue: new MetricsRegistry(service) }, MetricsListener],
      exports: [MetricsRegistry, MetricsListener],
    };
  }
}
