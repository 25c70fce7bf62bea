import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomTransportStrategy, NestMicroservice } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { ConfigError } from '../config/config-error';
import { NestPinoLogger } from '../logging/nest-logger';
import { runExitHooks } from './exit-hooks';
import { MetricsListener } from '../metrics/metrics.listener';
import { loadListenConfig } from './listen-config';
import { RpcErrorPassthroughFilter } from './rpc-error-passthrough.filter';

export interface ServiceBootstrapOptions {
  service: string;
  module: Type<unknown> | DynamicModule;
  port: number;
  /** The address both listeners bind: HOST, else 0.0.0.0. */
  host?: string;
  /** Where /metrics is served, apart from `port`: METRICS_PORT, else 9464. */
  metricsPort?: number;
  logger: Logger;
  /**
   * Consumer apps give their Kafka transport here (usually a provider of the app, hence a factory);
   * it starts once the modules are initialised (topics provisioned, migrations run), before the
   * HTTP port opens.
   */
  microservice?: (app: INestApplication) => CustomTransportStrategy;
  /** The ingress reads raw bytes itself and turns Nest's JSON parser off. */
  bodyParser?: boolean;
  /**
   * A request not received whole within this is answered 408 by Node's HTTP server (default: Node's,
   * 5 minutes); the ingress sets ~15 s so an unauthenticated sender cannot hold a buffer for long.
   */
  requestTimeoutMs?: number;
  /** How long a SIGTERM/SIGINT shutdown may take before the process exits anyway (code 1). */
  shutdownGraceMs?: number;
  /** Tests boot several services in one process and close them themselves. */
  handleSignals?: boolean;
}

/**
 * Boots one service the same way everywhere: JSON logs, shutdown hooks, optional Kafka transport, its
 * HTTP routes on `port` and /metrics on a listener of its own (`metricsPort`), both bound to `host`.
 */
export async function bootstrapService(options: ServiceBootstrapOptions): Promise<INestApplication> {
  const listen = loadListenConfig(options.service);
  const host = options.host ?? listen.host;
  const metricsPort = options.metricsPort ?? listen.metricsPort;
  if (metricsPort !== 0 && metricsPort === options.port) {
    throw new ConfigError(options.service, [
      { variable: 'METRICS_PORT', message: `must differ from PORT (${options.port})` },
    ]);
  }
  const app = await NestFactory.create(options.module, {
    logger: new NestPinoLogger(options.logger),
    bodyParser: options.bodyParser ?? true,
  });
  // No framework banner in answers, and no ETag hashing of every JSON body (nothing here is cached).
  const express = app.getHttpAdapter().getInstance() as { disable(setting: string): void };
  express.disable('x-powered-by');
  express.disable('etag');
  if (options.microservice) {
    // Deferred, so the filter is in place before the handlers are wrapped; marked as initialised
    // so the app's lifecycle hooks (run once by app.init()) are not run a second time by it.
    const microservice = app.connectMicroservice(
      { strategy: options.microservice(app) },
      { deferInitialization: true },
    ) as NestMicroservice;
    microservice.useGlobalFilters(new RpcErrorPassthroughFilter());
    await app.init();
    microservice.registerListeners();
    microservice.setIsInitialized(true);
    microservice.setIsInitHookCalled(true);
    await app.startAllMicroservices();
  }
  if (options.requestTimeoutMs) {
    const server = app.getHttpServer() as { requestTimeout: number; headersTimeout: number };
    server.requestTimeout = options.requestTimeoutMs;
    server.headersTimeout = Math.min(server.headersTimeout, options.requestTimeoutMs);
  }
  await app.listen(options.port, host);
  const metrics = app.get(MetricsListener, { strict: false });
  await metrics.listen(metricsPort, host);
  options.logger.info(
    { url: `http://${host}:${options.port}`, metrics: metrics.url() },
    `${options.service} is listening`,
  );
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
    app
      .close()
      .then(runExitHooks)
      .then(
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
