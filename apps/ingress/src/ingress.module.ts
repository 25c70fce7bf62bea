import { type DynamicModule, Module } from '@nestjs/common';
import { rawTopicName, rawTopicSpec } from '@ledgerhook/contracts';
import { createIdempotentProducer, KafkaModule } from '@ledgerhook/kafka';
import { MetricsRegistry, platformImports, ReadinessRegistry, type Logger } from '@ledgerhook/platform';
import type { Kafka, Producer } from 'kafkajs';
import { INGRESS_CONFIG, type IngressConfig } from './config/ingress.config';
import { IngressMetrics } from './observability/ingress-metrics';
import { GroupCommitPublisher } from './publishing/group-commit.publisher';
import { INGRESS_PRODUCERS, KafkaPublisherLifecycle } from './publishing/kafka-publisher.lifecycle';
import { LanedPublisher } from './publishing/laned.publisher';
import { SourceRegistry } from './sources/source-registry';
import { IngressSpool } from './spool/ingress-spool';
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
          provide: INGRESS_PRODUCERS,
          inject: [ReadinessRegistry],
          useFactory: async (readiness: ReadinessRegistry) => {
            const producers = Array.from({ length: config.publish.lanes }, () =>
              createIdempotentProducer(kafka),
            );
            const connected = new Set<Producer>();
            for (const producer of producers) {
              producer.on(producer.events.CONNECT, () => connected.add(producer));
              producer.on(producer.events.DISCONNECT, () => connected.delete(producer));
            }
            await Promise.all(producers.map((producer) => producer.connect()));
            producers.forEach((producer) => connected.add(producer));
            readiness.register('kafka-producer', () => connected.size === producers.length);
            return producers;
          },
        },
        {
          provide: IngressMetrics,
          inject: [MetricsRegistry],
          useFactory: (registry: MetricsRegistry) => new IngressMetrics(registry),
        },
        {
          provide: LanedPublisher,
          inject: [INGRESS_PRODUCERS, IngressMetrics],
          useFactory: (producers: Producer[], metrics: IngressMetrics) => {
            const lanes = producers.map(
              (producer) =>
                new GroupCommitPublisher(producer, {
                  maxBatchRecords: config.publish.batchMaxRecords,
                  lingerMs: config.publish.lingerMs,
                  maxInFlight: Math.ceil(config.publish.maxInFlight / producers.length),
                  maxInFlightBytes: Math.ceil(config.publish.maxInFlightBytes / producers.length),
                  timeoutMs: config.publish.timeoutMs,
                  onBatchSent: (records, seconds) => {
                    metrics.batchSize.observe(records);
                    metrics.publishDuration.observe(seconds);
                  },
                }),
            );
            const publisher = new LanedPublisher(lanes);
            metrics.observeInFlight(() => publisher.inFlightCount);
            return publisher;
          },
        },
        {
          provide: IngressSpool,
          inject: [LanedPublisher, IngressMetrics, ReadinessRegistry],
          useFactory: async (
            kafka: LanedPublisher,
            metrics: IngressMetrics,
            readiness: ReadinessRegistry,
          ) => {
            if (config.spool.sources.length === 0) return null;
            const topics = new Set(config.spool.sources.map(rawTopicName));
            return IngressSpool.open(config, kafka, topics, { logger, metrics, readiness });
          },
        },
        {
          provide: WebhookIntake,
          inject: [LanedPublisher, IngressSpool],
          useFactory: (kafka: LanedPublisher, spool: IngressSpool | null) =>
            new WebhookIntake(config, spool?.publisher ?? kafka, logger),
        },
        KafkaPublisherLifecycle,
        IntakeDraining,
      ],
    };
  }
}
