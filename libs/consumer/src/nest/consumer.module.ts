import { type DynamicModule, Module } from '@nestjs/common';
import { KafkaBatchTransport } from '../transport/kafka-batch.transport';
import { CONSUMER_OPTIONS, type ConsumerOptions } from '../transport/consumer-options';

/**
 * Gives a service its KafkaBatchTransport; main.ts passes it to bootstrapService
 * (`microservice: (app) => app.get(KafkaBatchTransport)`) and its controllers' `@EventPattern`
 * handlers are what it consumes.
 */
@Module({})
export class ConsumerModule {
  static forConsumer(options: ConsumerOptions): DynamicModule {
    return {
      module: ConsumerModule,
      providers: [{ provide: CONSUMER_OPTIONS, useValue: options }, KafkaBatchTransport],
      exports: [KafkaBatchTransport],
    };
  }
}
