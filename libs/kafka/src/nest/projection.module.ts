import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { MetricsRegistry, ReadinessRegistry, SERVICE_LOGGER, type Logger } from '@ledgerhook/platform';
import type { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createIdempotentProducer } from '../producer/idempotent-producer.factory';
import { OutboxRelay } from '../projection/outbox-relay';
import { ProjectingConsumer } from '../projection/projecting-consumer';
import type { ProjectionHandler } from '../projection/projection-handler';
import { ProjectionMetrics } from '../projection/projection-metrics';
import { KAFKA_CLIENT } from './kafka.module';

/** Injection token of the ProjectionHandler a service provides. */
export const PROJECTION_HANDLER = Symbol('PROJECTION_HANDLER');
const PROJECTION_OPTIONS = Symbol('PROJECTION_OPTIONS');

export interface ProjectionModuleOptions {
  /** Consumer name: consumer group, inbox rows, outbox producer, DLQ topic. */
  name: string;
  topics: readonly string[];
  /** Overrides the consumer group (a rebuild reads the topics again under a new group). */
  groupId?: string;
  chunkSize?: number;
}

/**
 * Runs a service's projection for its whole life: the outbox relay first, then the consumer; on
 * shutdown the consumer stops taking records, the relay publishes what is left, then the producer
 * disconnects.
 */
@Injectable()
class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly producer: Producer;
  private readonly relay: OutboxRelay;
  private readonly consumer: ProjectingConsumer;

  constructor(
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    @Inject(DataSource) dataSource: DataSource,
    @Inject(PROJECTION_HANDLER) handler: ProjectionHandler,
    @Inject(PROJECTION_OPTIONS) options: ProjectionModuleOptions,
    @Inject(MetricsRegistry) registry: MetricsRegistry,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    const metrics = new ProjectionMetrics(registry);
    this.producer = createIdempotentProducer(kafka);
    this.relay = new OutboxRelay({
      dataSource,
      producer: this.producer,
      name: options.name,
      logger,
      metrics,
    });
    this.consumer = new ProjectingConsumer({
      kafka,
      dataSource,
      name: options.name,
      ...(options.groupId ? { groupId: options.groupId } : {}),
      ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
      topics: options.topics,
      handler,
      producer: this.producer,
      logger,
      metrics,
      onOutboxWritten: () => this.relay.wake(),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.connect();
    this.relay.start();
    await this.consumer.start();
    this.readiness.register('consumer', () => this.consumer.isRunning());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.relay.stop();
    await this.producer.disconnect();
  }
}

@Module({})
export class ProjectionModule {
  /** `handler` is the service's ProjectionHandler provider (class or factory) under PROJECTION_HANDLER. */
  static forConsumer(options: ProjectionModuleOptions, handler: Provider): DynamicModule {
    return {
      module: ProjectionModule,
      providers: [{ provide: PROJECTION_OPTIONS, useValue: options }, handler, ProjectionRunner],
    };
  }
}
