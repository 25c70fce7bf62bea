import {
  bulkhead,
  circuitBreaker,
  type CircuitBreakerPolicy,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleType,
  type IBackoffFactory,
  type IPolicy,
  type IRetryBackoffContext,
  retry,
  wrap,
} from 'cockatiel';
import { Agent } from 'undici';

/** undici/Node error codes of a request that never got an answer: worth another attempt. */
export const NETWORK_ERROR = /^(UND_ERR_|E(CONN|HOST|NET|PIPE|AI_|TIMEDOUT|NOTFOUND))/;

export interface ProviderHttpOptions {
  connectTimeoutMs: number;
  timeoutMs: number;
  /** Requests in flight at most (keep-alive connections and the bulkhead). */
  concurrency: number;
  retries: number;
  breaker: { failures: number; halfOpenAfterMs: number };
  /** The error an attempt throws when another attempt may succeed: retried and counted by the breaker. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cockatiel takes any constructor
  transient: new (...args: any[]) => Error;
  /** Default: exponential with jitter, 200 ms to 10 s. */
  backoff?: IBackoffFactory<IRetryBackoffContext<unknown>>;
}

export interface ProviderHttp {
  agent: Agent;
  /** bulkhead -> retry (transient only) -> breaker, in that order. */
  policy: IPolicy;
  breaker: CircuitBreakerPolicy;
}

/**
 * What every client of a provider's API stands on: keep-alive connections with connect and total
 * timeouts, and the cockatiel policies (concurrency limit, retry with back-off, circuit breaker).
 */
export function providerHttp(options: ProviderHttpOptions): ProviderHttp {
  const agent = new Agent({
    connect: { timeout: options.connectTimeoutMs },
    connections: options.concurrency,
    keepAliveTimeout: 30_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const transient = handleType(options.transient);
  const breaker = circuitBreaker(transient, {
    halfOpenAfter: options.breaker.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.breaker.failures),
  });
  const policy = wrap(
    bulkhead(options.concurrency, Number.MAX_SAFE_INTEGER),
    retry(transient, {
      maxAttempts: options.retries,
      backoff: options.backoff ?? new ExponentialBackoff({ initialDelay: 200, maxDelay: 10_000 }),
    }),
    breaker,
  );
  return { agent, policy, breaker };
}
