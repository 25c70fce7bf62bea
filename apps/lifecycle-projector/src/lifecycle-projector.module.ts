import { type DynamicModule, Module } from '@nestjs/common';
import { TOPIC_CATALOGUE, TOPICS, dlqTopicName } from '@ledgerhook/contracts';
import { DatabaseModule, PLATFORM_ENTITIES, PLATFORM_MIGRATIONS } from '@ledgerhook/database';
import { KafkaModule } from '@ledgerhook/kafka';
import { platformImports, type Logger } from '@ledgerhook/platform';
import type { Kafka } from 'kafkajs';
import type { LifecycleProjectorConfig } from './config/lifecycle-projector.config';

/** What this service reads, writes and dead-letters to. */
const SERVICE_TOPICS = new Set<string>([
  TOPICS.credfinRaw,
  TOPICS.bridgeRaw,
  TOPICS.applications,
  dlqTopicName('lifecycle-projector'),
]);

/** Projects the Credfin and Bridge raw topics into PostgreSQL and publishes application state. */
@Module({})
export class LifecycleProjectorModule {
  static forRoot(config: LifecycleProjectorConfig, kafka: Kafka, logger: Logger): DynamicModule {
    return {
      module: LifecycleProjectorModule,
      imports: [
        ...platformImports('lifecycle-projector', logger),
        KafkaModule.forService({
          config: config.kafka,
          client: kafka,
          topics: TOPIC_CATALOGUE.filter((topic) => SERVICE_TOPICS.has(topic.name)),
        }),
        DatabaseModule.forService({
          url: config.database.url,
          applicationName: 'lifecycle-projector',
          entities: [...PLATFORM_ENTITIES],
          migrations: [...PLATFORM_MIGRATIONS],
          migrationsTableName: 'migrations_lifecycle_projector',
        }),
      ],
    };
  }
}
