import { createHmac } from 'node:crypto';
import {
  ExponentialBackoff,
  handleAll,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  type IPolicy,
} from 'cockatiel';
import type { TrafficTarget } from './traffic.settings';

// Each provider's delivery behaviour towards the ingress (shared/providers.md): Credfin with Basic
// auth; CreditChek with its shared secret in x-auth-signature, once, never retried; Bridge signed
// with HMAC-SHA256 (upper-case hex, as Bridge sends it) and retried with exponential back-off on a
// non-2xx or a late answer. Bodies and credentials are never logged.

export interface Delivery {
  /** The last answer's status; 0 when no answer came (connection refused, timeout). */
  status: number;
  attempts: number;
}

/** A non-2xx answer Bridge would retry. */
class RefusedDelivery extends Error {
  constructor(readonly status: number) {
    super(`answered ${status}`);
  }
}

export class IngressDeliveries {
  private readonly basic: string;
  private readonly bridgePolicy: IPolicy;

  constructor(private readonly target: TrafficTarget) {
    this.basic = `Basic ${Buffer.from(`${target.credfin.username}:${target.credfin.password}`).toString('base64')}`;
    // Bridge retries for a day or two; the simulator's attempts are bounded so a run ends.
    this.bridgePolicy = wrap(
      retry(handleAll, {
        maxAttempts: target.bridge.attempts - 1,
        backoff: new ExponentialBackoff({ initialDelay: target.bridge.initialDelayMs, maxDelay: 30_000 }),
      }),
      timeout(target.bridge.timeoutMs, TimeoutStrategy.Aggressive),
    );
  }

  credfin(webhook: unknown): Promise<Delivery> {
    return this.once('/webhooks/credfin', JSON.stringify(webhook), { authorization: this.basic });
  }

  creditchek(webhook: unknown): Promise<Delivery> {
    return this.once('/webhooks/creditchek', JSON.stringify(webhook), {
      'x-auth-signature': this.target.creditchekSecret,
    });
  }

  async bridge(webhook: unknown): Promise<Delivery> {
    const body = JSON.stringify(webhook);
    const signature = createHmac('sha256', this.target.bridge.secret)
      .update(body)
      .digest('hex')
      .toUpperCase();
    let attempts = 0;
    let status = 0;
    try {
      await this.bridgePolicy.execute(async ({ signal }) => {
        attempts += 1;
        status = 0;
        status = await this.post(
          '/webhooks/bridge',
          body,
          { 'bridgeapi-signature': `v1=${signature}` },
          signal,
        );
        if (status < 200 || status > 299) throw new RefusedDelivery(status);
      });
    } catch {
      // Out of attempts: the last answer (or none) is what the summary reports.
    }
    return { status, attempts };
  }

  private async once(route: string, body: string, headers: Record<string, string>): Promise<Delivery> {
    try {
      return { status: await this.post(route, body, headers), attempts: 1 };
    } catch {
      return { status: 0, attempts: 1 };
    }
  }

  private async post(
    route: string,
    body: string,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<number> {
    const response = await fetch(`${this.target.ingressUrl}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      ...(signal ? { signal } : {}),
    });
    await response.arrayBuffer();
    return response.status;
  }
}
