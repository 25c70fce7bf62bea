import { type DynamicModule, Module } from '@nestjs/common';
import { rawTopicSpec } from '@ledgerhook/contracts';
import { createIdempotentProducer, KafkaModule } from '@ledgerhook/kafka';
import { MetricsRegistry, platformImports, ReadinessRegistry, type Logger } from '@ledgerhook/platform';
import type { Kafka, Producer } from 'kafkajs';
import { INGRESS_CONFIG, type IngressConfig } from './config/ingress.config';
import { IngressMetrics } from './observability/ingress-metrics';
import { GroupCommitPublisher } from './publishing/group-commit.publisher';
import { INGRESS_PRODUCER, KafkaPublisherLifecycle } from './publishing/kafka-publisher.lifecycle';
import { SourceRegistry } from './sources/source-registry';
import { IntakeDraining } from './webhooks/intake-draining';
import { WebhookController } from './webhooks/webhook.controller';
import { WebhookIntake } from './webhooks/webhook-intake.service';

@Module({})
export class IngressModule {
  static forRoot(config: IngressConfig, kafka: Kafka, logger: Logger): DynamicModule {
    const sources = new SourceRegistry(config);
    return {
      module: IngressModule,
      imports: [
        ...platformImports('ingress', logger),
        KafkaModule.forService({
          config: config.kafka,
          client: kafka,
          topics: sources.names().map(rawTopicSpec),
        }),
      ],
      controllers: [WebhookController],
      providers: [
        { provide: INGRESS_CONFIG, useValue: config },
        { provide: SourceRegistry, useValue: sources },
        {
          provide: INGRESS_PRODUCER,
          inject: [ReadinessRegistry],
          useFactory: async (readiness: ReadinessRegistry) => {
            const producer = createIdempotentProducer(kafka);
            let connected = false;
            producer.on(producer.events.CONNECT, () => (connected = true));
            producer.on(producer.events.DISCONNECT, () => (connected = false));
            await producer.connect();
            readiness.register('kafka-producer', () => connected);
            return producer;
          },
        },
        {
          provide: IngressMetrics,
          inject: [MetricsRegistry],
          useFactory: (registry: MetricsRegistry) => new IngressMetrics(registry),
        },
        {
          provide: GroupCommitPublisher,
          inject: [INGRESS_PRODUCER, IngressMetrics],
          useFactory: (producer: Producer, metrics: IngressMetrics) => {
            const publisher = new GroupCommitPublisher(producer, {
              maxBatchRecords: config.publish.batchMaxRecords,
              lingerMs: config.publish.lingerMs,
              maxInFlight: config.publish.maxInFlight,
              timeoutMs: config.publish.timeoutMs,
              onBatchSent: (records, seconds) => {
                metrics.batchSize.observe(records);
                metrics.publishDuration.observe(seconds);
              },
            });
            metrics.observeInFlight(() => publisher.inFlightCount);
            return publisher;
          },
        },
        {
          provide: WebhookIntake,
          inject: [GroupCommitPublisher],
          useFactory: (publisher: GroupCommitPublisher) => new WebhookIntake(config, publisher, logger),
        },
        KafkaPublisherLifecycle,
        IntakeDraining,
      ],
    };
  }
}
