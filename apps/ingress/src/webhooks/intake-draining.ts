import type { Server } from 'node:http';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ConnectionDrain, ReadinessRegistry } from '@ledgerhook/platform';
import { LanedPublisher } from '../publishing/laned.publisher';
import { INGRESS_CONFIG, IngressConfig } from '../config/ingress.config';

/**
 * First steps of a shutdown. Report not ready at once, but keep accepting and publishing for
 * SHUTDOWN_DELAY_MS, the time a load balancer needs to stop sending here (a single-shot provider's
 * webhook answered 503 or cut off is lost); meanwhile each keep-alive connection open at the signal
 * answers its next request with `Connection: close`, so its client takes the following one
 * elsewhere. Then send queued events at once, stop accepting connections, answer every request
 * already received or still arriving on an open connection, and close connections only once they
 * are idle (ConnectionDrain: Node's own close would also reset connections whose request is still
 * unread). Nest's HTTP close then finds nothing left, and the producer is flushed
 * last (KafkaPublisherLifecycle).
 */
@Injectable()
export class IntakeDraining implements OnModuleInit, BeforeApplicationShutdown {
  private connections: ConnectionDrain | undefined;

  constructor(
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(LanedPublisher) private readonly publisher: LanedPublisher,
    @Inject(INGRESS_CONFIG) private readonly config: IngressConfig,
    @Inject(HttpAdapterHost) private readonly http: HttpAdapterHost,
  ) {}

  /** Before the port opens, so every connection is seen. */
  onModuleInit(): void {
    const server = this.http.httpAdapter?.getHttpServer() as Server | undefined;
    if (server) this.connections = new ConnectionDrain(server);
  }

  /** Connections still open (tests). */
  get openConnections(): number {
    return this.connections?.openConnections ?? 0;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.readiness.startDraining();
    this.connections?.startDraining();
    if (this.config.shutdownDelayMs > 0)
      await new Promise((resolve) => setTimeout(resolve, this.config.shutdownDelayMs));
    this.publisher.stopLingering();
    // A quarter of what the grace period leaves after the delay: the spool's drainer and the
    // producer's flush get a quarter of the whole grace period each after this, and a margin remains.
    await this.connections?.close((this.config.shutdownGraceMs - this.config.shutdownDelayMs) / 4);
  }
}
