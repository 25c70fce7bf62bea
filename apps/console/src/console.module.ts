import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { OPS_AUDIT_TOPIC_SPEC } from '@ledgerhook/contracts';
import { DatabaseModule } from '@ledgerhook/database';
import { KafkaModule } from '@ledgerhook/kafka';
import { type Logger, platformImports } from '@ledgerhook/platform';
import type { Kafka } from 'kafkajs';
import { ApplicationsController } from './applications/applications.controller';
import { ArtifactsController } from './applications/artifacts.controller';
import { AssetsController } from './assets/assets.controller';
import { ConsoleSessionGuard } from './auth/console-session.guard';
import { LoginController } from './auth/login.controller';
import { Operator } from './auth/operator.entity';
import { OperatorsService } from './auth/operators.service';
import { Session } from './auth/session.entity';
import { SessionsService } from './auth/sessions.service';
import { HtmlErrorFilter } from './views/html-error.filter';
import { BorrowersController } from './borrowers/borrowers.controller';
import { CONSOLE, type ConsoleConfig } from './config/console.config';
import { CONSOLE_CONFIG } from './console.tokens';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { CreateConsoleSchema1796169600000 } from './migrations/1796169600000-create-console-schema';
import { ConsoleKafka } from './operations/console-kafka';
import { OperationsController } from './operations/operations.controller';
import { ReadApiClient } from './read-apis/read-api.client';
import { PageRenderer } from './views/page-renderer';

/**
 * The ops console: server-rendered pages behind an operator login (sessions in schema `console`),
 * reading the raw topics and the read APIs, acting through libs/operations like the ops CLI.
 */
@Module({})
export class ConsoleModule {
  static forRoot(config: ConsoleConfig, kafka: Kafka, logger: Logger): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [
        ...platformImports(CONSOLE, logger),
        DatabaseModule.forService({
          url: config.database.url,
          applicationName: CONSOLE,
          entities: [Operator, Session],
          migrations: [CreateConsoleSchema1796169600000],
          migrationsTableName: 'migrations_console',
          poolSize: 5,
        }),
        KafkaModule.forService({ config: config.kafka, client: kafka, topics: [OPS_AUDIT_TOPIC_SPEC] }),
      ],
      controllers: [
        LoginController,
        AssetsController,
        ApplicationsController,
        ArtifactsController,
        BorrowersController,
        DeliveriesController,
        OperationsController,
      ],
      providers: [
        { provide: CONSOLE_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: ConsoleSessionGuard },
        { provide: APP_FILTER, useClass: HtmlErrorFilter },
        OperatorsService,
        SessionsService,
        ReadApiClient,
        PageRenderer,
        ConsoleKafka,
      ],
    };
  }
}
