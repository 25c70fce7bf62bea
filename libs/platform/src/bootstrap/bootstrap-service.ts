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
  /** How long a SIGTERM/SIGINT shutdown may take before the process exits anyway (code 1). */
  shutdownGraceMs?: number;
  /** Tests boot several services in one process and close them themselves. */
  handleSignals?: boolean;
}

/** Boots one service the same way everywhere: JSON logs, shutdown hooks, optional Kafka transport. */
export async function bootstrapService(options: ServiceBootstrapOptions): Promise<INestApplication> {
  const app = await NestFactory.create(options.module, {
    logger: new NestPinoLogger(options.logger),
    bodyParser: options.bodyParser ?? true,
  });
  // No framework banner in answers, and no ETag hashing of every JSON body (nothing here is cached).
  const express = app.getHttpAdapter().getInstance() as { disable(setting: string): void };
  express.disable('x-powered-by');
  express.disable('etag');
  if (options.microservice) {
    app.connectMicroservice({ strategy: options.microservice }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  const host = options.host ?? '0.0.0.0';
  await app.listen(options.port, host);
  options.logger.info({ url: `http://127.0.0.1:${options.port}` }, `${options.service} is listening`);
  if (options.handleSignals ?? true) exitOnSignals(app, options);
  return app;
}

/**
 * SIGTERM/SIGINT close the app (Nest's shutdown hooks: stop accepting, finish requests, flush) and
 * exit 0. Nest's own enableShutdownHooks re-raises the signal instead, which exits non-zero.
 */
function exitOnSignals(app: INestApplication, options: ServiceBootstrapOptions): void {
  const graceMs = options.shutdownGraceMs ?? 20_000;
  const shutdown = (signal: NodeJS.Signals) => {
    options.logger.info({ signal }, `${options.service} is shutting down`);
    const timer = setTimeout(() => {
      options.logger.error({ graceMs }, 'shutdown took longer than the grace period; exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    app.close().then(
      () => {
        options.logger.info(`${options.service} stopped`);
        process.exit(0);
      },
      (error: unknown) => {
        options.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
