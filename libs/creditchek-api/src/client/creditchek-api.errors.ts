// Errors of the CreditChek API client. None carries CreditChek's answer body: an insight (or an error
// about one) can hold a BVN, names and account numbers, and these messages reach logs and DLQ headers.

/** CreditChek refused the request for good (401 bad token, other 4xx but 404/408/429): retrying cannot help. */
export class CreditChekRejectedError extends Error {
  override readonly name = 'CreditChekRejectedError';

  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(`CreditChek API refused the request (${status ? `HTTP ${status}` : 'not sent'}): ${reason}`);
  }
}

/** CreditChek cannot be reached or keeps failing (retries spent, or the circuit is open): try later. */
export class CreditChekUnavailableError extends Error {
  override readonly name = 'CreditChekUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** One attempt failed in a way another attempt may fix (network error, timeout, 5xx, 408, 429). */
export class CreditChekTransientError extends Error {
  override readonly name = 'CreditChekTransientError';
}
