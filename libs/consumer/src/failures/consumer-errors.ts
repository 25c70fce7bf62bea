/**
 * Thrown by a handler when something it needs outside the database (a provider's API, another
 * service) is unavailable. Never dead-letters: the consumer stops on this record, backs off, reports
 * not ready with the reason, and tries the same record again.
 */
export class DependencyUnavailableError extends Error {
  override readonly name = 'DependencyUnavailableError';

  constructor(
    /** Names the dependency, e.g. `credfin-api`; shown in /readyz. */
    readonly dependency: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Thrown by a handler when an event can never be applied (a provider refused it for good, it names
 * something that cannot exist). The event goes to the dead-letter topic at once, with `reason` in its
 * `dlq_error` header: keep it short and free of personal data.
 */
export class RejectedEventError extends Error {
  override readonly name = 'RejectedEventError';

  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
  }
}

/**
 * The same unexpected failure keeps coming back, event after event (a bug, a table missing after a
 * bad migration): not poison but a fault of the consumer. Nothing is dead-lettered; the consumer
 * pauses until the cause is fixed.
 */
export class SystematicFailure extends Error {
  override readonly name = 'SystematicFailure';

  constructor(
    readonly failures: number,
    readonly lastError: unknown,
  ) {
    super(`${failures} events in a row failed the same way; pausing instead of dead-lettering them`);
  }
}
