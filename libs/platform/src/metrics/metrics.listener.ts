import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetricsRegistry } from './metrics.registry';

/**
 * `/metrics` on a listener of its own (METRICS_PORT), not on the service's port: the cluster's scraper
 * reaches it (NetworkPolicy metrics-scrape), the callers of a read API or of the webhooks do not, and
 * it needs no token. It answers GET /metrics and 404 to anything else; closed with the app.
 */
@Injectable()
export class MetricsListener implements OnApplicationShutdown {
  #server: Server | undefined;

  constructor(@Inject(MetricsRegistry) private readonly registry: MetricsRegistry) {}

  async listen(port: number, host: string): Promise<void> {
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      this.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
        () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n'),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.#server = server;
  }

  /** Where /metrics is served (tests listen on port 0). */
  url(): string {
    const address = this.#server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('the metrics listener is not listening');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}/metrics`;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
