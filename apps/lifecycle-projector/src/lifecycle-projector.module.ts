import { type DynamicModule, Module } from '@nestjs/common';
import { consumerServiceImports } from '@ledgerhook/consumer';
import { AccountRefs, TOPICS } from '@ledgerhook/contracts';
import { type Logger, ReadApiAuthModule } from '@ledgerhook/platform';
import type { Kafka } from 'kafkajs';
import {
  LIFECYCLE_PROJECTOR,
  LIFECYCLE_SCHEMA,
  type LifecycleProjectorConfig,
} from './config/lifecycle-projector.config';
import { LIFECYCLE_CONTROLLERS, LIFECYCLE_PROVIDERS } from './lifecycle-read-api';
import { LIFECYCLE_ENTITIES, LIFECYCLE_MIGRATIONS } from './lifecycle-schema';
import { LifecycleProjectionController } from './projection/lifecycle-projection.controller';
import { LifecycleProjection } from './projection/lifecycle.projection';
import { SeedCipher } from './seeds/seed-cipher';

/**
 * Projects the Credfin and Bridge raw topics into PostgreSQL (schema `lifecycle`, or the shadow
 * LIFECYCLE_PROJECTOR_SCHEMA names while `ledgerhook rebuild` builds one) through its
 * `@EventPattern` handlers on KafkaBatchTransport, publishes each application's state to
 * lending.applications.v1 through the outbox, and serves the read API.
 */
@Module({})
export class LifecycleProjectorModule {
  static forRoot(config: LifecycleProjectorConfig, kafka: Kafka, logger: Logger): DynamicModule {
    const shadow = config.schema !== LIFECYCLE_SCHEMA;
    return {
      module: LifecycleProjectorModule,
      imports: [
        ...consumerServiceImports({
          service: LIFECYCLE_PROJECTOR,
          kafka,
          kafkaConfig: config.kafka,
          databaseUrl: config.database.url,
          logger,
          topics: [TOPICS.credfinRaw, TOPICS.bridgeRaw, TOPICS.applications, TOPICS.reports],
          entities: [...LIFECYCLE_ENTITIES],
          migrations: [...LIFECYCLE_MIGRATIONS],
          database: {
            searchPath: config.schema,
            migrationsTableName: `migrations_lifecycle_projector${shadow ? `_${config.schema}` : ''}`,
          },
          consumer: {
            groupId: config.groupId,
            topicOverrides: config.topicOverrides,
            // A shadow applies again what the live consumer did, and publishes none of it.
            ...(shadow ? { inboxName: `${LIFECYCLE_PROJECTOR}@${config.schema}`, publish: false } : {}),
          },
        }),
        ReadApiAuthModule.forService(config.readApi),
      ],
      controllers: [LifecycleProjectionController, ...LIFECYCLE_CONTROLLERS],
      providers: [
        { provide: SeedCipher, useFactory: () => new SeedCipher(config.seedEncryption.keys) },
        { provide: AccountRefs, useValue: config.accountRefs },
        LifecycleProjection,
        ...LIFECYCLE_PROVIDERS,
      ],
    };
  }
}
