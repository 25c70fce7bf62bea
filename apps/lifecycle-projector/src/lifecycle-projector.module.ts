import { type DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@ledgerhook/contracts';
import { consumerServiceImports, PROJECTION_HANDLER, ProjectionModule } from '@ledgerhook/kafka';
import type { Logger } from '@ledgerhook/platform';
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
    return {
      module: LifecycleProjectorModule,
      imports: [
        ...consumerServiceImports({
          service: LIFECYCLE_PROJECTOR,
          kafka,
          kafkaConfig: config.kafka,
          databaseUrl: config.database.url,
          logger,
          // Topics outside the catalogue (tests' own) are not provisioned: they exist already.
          topics: [...config.topics, TOPICS.applications],
          entities: [...LIFECYCLE_ENTITIES],
          migrations: [...LIFECYCLE_MIGRATIONS],
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
