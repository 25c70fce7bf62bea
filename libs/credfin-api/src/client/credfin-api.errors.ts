/** Credfin refused the request for good (4xx other than 408/429): asking again cannot help. */
export class CredfinRejectedError extends Error {
  override readonly name = 'CredfinRejectedError';

  constructor(
    readonly status: number,
    /** The start of Credfin's answer, scrubbed (error-excerpt.ts): printable, no numbers or addresses. */
    readonly excerpt: string,
  ) {
    super(`Credfin answered ${status}${excerpt ? `: ${excerpt}` : ''}`);
  }
}

/** Credfin cannot be reached or keeps failing (retries spent, or the circuit is open): try later. */
export class CredfinUnavailableError extends Error {
  override readonly name = 'CredfinUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** One attempt failed in a way another attempt may fix (network error, 5xx, 408, 429). */
export class CredfinTransientError extends Error {
  override readonly name = 'CredfinTransientError';

  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
