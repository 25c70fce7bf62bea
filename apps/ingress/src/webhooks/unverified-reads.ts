export interface UnverifiedReadLimits {
  /** Bodies being read at once whose signature is not checked yet. */
  maxReads: number;
  /** Bytes those reads may claim together (each claims its Content-Length, or the body limit). */
  maxBytes: number;
}

/**
 * Bounds what unauthenticated senders can make the ingress hold: a body that must be read before its
 * signature can be checked claims a slot and its bytes first; when none are left, the request is
 * answered 503 at once instead of being buffered.
 */
export class UnverifiedReads {
  private reads = 0;
  private bytes = 0;

  constructor(private readonly limits: UnverifiedReadLimits) {}

  /** A release function, or undefined when the bounds are reached. */
  tryClaim(bytes: number): (() => void) | undefined {
    if (this.reads >= this.limits.maxReads || this.bytes + bytes > this.limits.maxBytes) return undefined;
    this.reads += 1;
    this.bytes += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.reads -= 1;
      this.bytes -= bytes;
    };
  }
}
