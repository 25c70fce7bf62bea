import {
  ExponentialBackoff,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
} from 'cockatiel';
import { CredfinTransientError } from './credfin-api.errors';

type Context = IRetryBackoffContext<unknown>;

function retryAfterOf(context: Context): number {
  const error = 'error' in context.result ? context.result.error : undefined;
  return error instanceof CredfinTransientError ? (error.retryAfterMs ?? 0) : 0;
}

class RetryAfterBackoff implements IBackoff<Context> {
  readonly duration: number;

  constructor(
    private readonly inner: IBackoff<Context>,
    context: Context,
  ) {
    this.duration = Math.max(inner.duration, retryAfterOf(context));
  }

  next(context: Context): IBackoff<Context> {
    return new RetryAfterBackoff(this.inner.next(context), context);
  }
}

/**
 * Exponential back-off with jitter (cockatiel's decorrelated generator), never shorter than what the
 * server asked for in `Retry-After` (a 429 or 503 saying when to come back).
 */
export class RetryAfterAwareBackoff implements IBackoffFactory<Context> {
  constructor(
    private readonly inner: IBackoffFactory<Context> = new ExponentialBackoff({
      initialDelay: 200,
      maxDelay: 10_000,
    }),
  ) {}

  next(context: Context): IBackoff<Context> {
    return new RetryAfterBackoff(this.inner.next(context), context);
  }
}
