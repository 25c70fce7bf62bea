import { type DynamicModule, Module } from '@nestjs/common';
import { dlqTopicName, TOPIC_CATALOGUE, TOPICS } from '@ledgerhook/contracts';
import { DatabaseModule, PLATFORM_ENTITIES, PLATFORM_MIGRATIONS } from '@ledgerhook/database';
import { KafkaModule, PROJECTION_HANDLER, ProjectionModule } from '@ledgerhook/kafka';
import { platformImports, type Logger } from '@ledgerhook/platform';
import type { Kafka } from 'kafkajs';
import { LIFECYCLE_PROJECTOR, type LifecycleProjectorConfig } from './config/lifecycle-projector.config';
import { LIFECYCLE_CONTROLLERS, LIFECYCLE_PROVIDERS } from './lifecycle-read-api';
import { LIFECYCLE_ENTITIES, LIFECYCLE_MIGRATIONS } from './lifecycle-schema';
import { LifecycleProjectionHandler } from './projection/lifecycle-projection.handler';
import { SeedCipher } from './seeds/seed-cipher';

/**
 * Projects the Credfin and Bridge raw topics into PostgreSQL (schema `lifecycle`), publishes each
 * application's state to lending.applications.v1 through the outbox, and serves the read API.
 * Consumption goes through kafkajs directly (ProjectionModule): chunked transactions with the inbox
 * and the outbox, offsets committed after them, which @nestjs/microservices' Kafka transport cannot do.
 */
@Module({})
export class LifecycleProjectorModule {
  static forRoot(config: LifecycleProjectorConfig, kafka: Kafka, logger: Logger): DynamicModule {
    const catalogue = new Map(TOPIC_CATALOGUE.map((topic) => [topic.name, topic]));
    // Provisioned at boot when missing; topics outside the catalogue (tests' own) exist already.
    const topics = [...config.topics, TOPICS.applications, dlqTopicName(LIFECYCLE_PROJECTOR)].flatMap(
      (name) => catalogue.get(name) ?? [],
    );
    return {
      module: LifecycleProjectorModule,
      imports: [
        ...platformImports(LIFECYCLE_PROJECTOR, logger),
        KafkaModule.forService({ config: config.kafka, client: kafka, topics }),
        DatabaseModule.forService({
          url: config.database.url,
          applicationName: LIFECYCLE_PROJECTOR,
          entities: [...PLATFORM_ENTITIES, ...LIFECYCLE_ENTITIES],
          migrations: [...PLATFORM_MIGRATIONS, ...LIFECYCLE_MIGRATIONS],
          migrationsTableName: 'migrations_lifecycle_projector',
        }),
        ProjectionModule.forConsumer(
          { name: LIFECYCLE_PROJECTOR, topics: config.topics, groupId: config.groupId },
          {
            provide: PROJECTION_HANDLER,
            useFactory: () => new LifecycleProjectionHandler(new SeedCipher(config.seedEncryption.keys)),
          },
        ),
      ],
      controllers: [...LIFECYCLE_CONTROLLERS],
      providers: [...LIFECYCLE_PROVIDERS],
    };
  }
}
