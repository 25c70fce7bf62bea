import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { TopicSpec } from '@ledgerhook/contracts';
import { ReadinessRegistry, SERVICE_LOGGER, type Logger } from '@ledgerhook/platform';
import type { Admin, Kafka } from 'kafkajs';
import type { KafkaConfig } from '../config/kafka-config';
import { ensureTopics } from '../topics/topic-provisioner';

/** Injection token of the service's kafkajs client. */
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
const KAFKA_MODULE_OPTIONS = Symbol('KAFKA_MODULE_OPTIONS');

export interface KafkaModuleOptions {
  config: KafkaConfig;
  /** The service's client, built once in main.ts so its Kafka transport shares it. */
  client: Kafka;
  /** Topics this service writes to or reads from; created at boot when missing. */
  topics: readonly TopicSpec[];
}

/** Connects an admin client at boot, provisions the service's topics and reports cluster readiness. */
@Injectable()
class KafkaClusterConnection implements OnModuleInit, OnApplicationShutdown {
  private admin?: Admin;
  private connected = false;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
    private readonly readiness: ReadinessRegistry,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    this.admin = this.kafka.admin();
    this.admin.on(this.admin.events.DISCONNECT, () => (this.connected = false));
    this.admin.on(this.admin.events.CONNECT, () => (this.connected = true));
    await this.admin.connect();
    this.connected = true;
    const created = await ensureTopics(this.admin, this.options.topics);
    this.logger.info({ brokers: this.options.config.brokers, created }, 'kafka ready');
    this.readiness.register('kafka', () => this.connected);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }
}

@Module({})
export class KafkaModule {
  static forService(options: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [
        { provide: KAFKA_MODULE_OPTIONS, useValue: options },
        { provide: KAFKA_CLIENT, useValue: options.client },
        KafkaClusterConnection,
      ],
      exports: [KAFKA_CLIENT],
    };
  }
}
