import { DependencyUnavailableError, RejectedEventError } from './consumer-errors';
import { isTransientError } from './transient-error';

/**
 * What the consumer does with a failure:
 * - `outage`: the infrastructure or a dependency is down; retry the same events later, never DLQ;
 * - `rejected`: the event can never succeed; DLQ it now;
 * - `unexpected`: retry a few times on its own, then DLQ it, unless it keeps happening to every
 *   event (then it is systematic and the consumer pauses).
 */
export type FailureKind = 'outage' | 'rejected' | 'unexpected';

export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof DependencyUnavailableError || isTransientError(error)) return 'outage';
  if (error instanceof RejectedEventError) return 'rejected';
  return 'unexpected';
}
