import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { NestPinoLogger } from '../logging/nest-logger';

export interface ServiceBootstrapOptions {
  service: string;
  module: Type<unknown> | DynamicModule;
  port: number;
  host?: string;
  logger: Logger;
  /** Consumer apps attach their Kafka transport here; it starts before the HTTP port opens. */
  microservice?: CustomTransportStrategy;
  /** The ingress reads raw bytes itself and turns Nest's JSON parser off. */
  bodyParser?: boolean;
}

/** Boots one service the same way everywhere: JSON logs, shutdown hooks, optional Kafka transport. */
export async function bootstrapService(options: ServiceBootstrapOptions): Promise<INestApplication> {
  const app = await NestFactory.create(options.module, {
    logger: new NestPinoLogger(options.logger),
    bodyParser: options.bodyParser ?? true,
  });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  if (options.microservice) {
    app.connectMicroservice({ strategy: options.microservice }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  const host = options.host ?? '0.0.0.0';
  await app.listen(options.port, host);
  options.logger.info({ url: `http://127.0.0.1:${options.port}` }, `${options.service} is listening`);
  return app;
}
