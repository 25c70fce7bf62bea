import type { DynamicModule, Type } from '@nestjs/common';
import { dlqTopicName, retryTopicName, TOPIC_CATALOGUE } from '@ledgerhook/contracts';
import { DatabaseModule, PLATFORM_ENTITIES, PLATFORM_MIGRATIONS } from '@ledgerhook/database';
import { platformImports, type Logger } from '@ledgerhook/platform';
import { KafkaModule, type KafkaConfig } from '@ledgerhook/kafka';
import type { Kafka } from 'kafkajs';
import type { ConsumerOptions } from '../transport/consumer-options';
import { ConsumerModule } from './consumer.module';

// TypeORM takes entity and migration classes (listed explicitly, never globbed).
type EntityClass = new () => object;
type MigrationClass = new () => object;

export interface ConsumerServiceOptions {
  service: string;
  kafka: Kafka;
  kafkaConfig: KafkaConfig;
  databaseUrl: string;
  logger: Logger;
  /** Catalogue topics the service reads or writes; its DLQ and retry topic are added. */
  topics: readonly string[];
  /** The service's own tables, after the platform's (inbox, outbox). */
  entities?: readonly EntityClass[];
  migrations?: readonly MigrationClass[];
  /**
   * The schema the service's unqualified table names resolve to, and its own migrations table (a
   * shadow rebuild builds the same tables under another schema): see ServiceDataSourceOptions.
   */
  database?: { searchPath: string; migrationsTableName: string };
  /** The consumer's group, topic overrides, chunk size and policy; its name is the service's. */
  consumer?: Omit<ConsumerOptions, 'name'>;
}

/**
 * What every consuming service imports: logger, health and metrics; Kafka with its topics (and DLQ)
 * provisioned; its database with the platform's and its own migrations, in a migrations table of its
 * own; and its KafkaBatchTransport, which consumes whatever `@EventPattern` handlers it declares.
 */
export function consumerServiceImports(
  options: ConsumerServiceOptions,
): Array<DynamicModule | Type<unknown>> {
  const names = new Set([...options.topics, dlqTopicName(options.service), retryTopicName(options.service)]);
  return [
    ...platformImports(options.service, options.logger),
    KafkaModule.forService({
      config: options.kafkaConfig,
      client: options.kafka,
      topics: TOPIC_CATALOGUE.filter((topic) => names.has(topic.name)),
    }),
    DatabaseModule.forService({
      url: options.databaseUrl,
      applicationName: options.service,
      entities: [...PLATFORM_ENTITIES, ...(options.entities ?? [])],
      migrations: [...PLATFORM_MIGRATIONS, ...(options.migrations ?? [])],
      migrationsTableName: `migrations_${options.service.replace(/-/g, '_')}`,
      ...options.database,
    }),
    ConsumerModule.forConsumer({ ...options.consumer, name: options.service }),
  ];
}
