import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';

/** Injection token of the service's pino logger. */
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');

@Global()
@Module({})
export class LoggingModule {
  static forService(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: SERVICE_LOGGER, useValue: logger }],
      exports: [SERVICE_LOGGER],
    };
  }
}
