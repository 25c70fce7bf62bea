import { TokenBucket } from './token-bucket';

export interface FailureLimits {
  /** Failed verifications per second one client address may cause (burst: 20 s worth). */
  perAddressPerSecond: number;
  /** Failed verifications per second across all addresses (burst: 20 s worth). */
  totalPerSecond: number;
}

// Enough addresses to cover a scan without letting one grow the map without bound.
const MAX_TRACKED_ADDRESSES = 10_000;

/**
 * Limits failed verifications, so forging costs the forger, not the genuine sender: an address that
 * keeps failing is answered 429 before anything is read or verified, and once failures overall run
 * high, every address that failed recently is too. An address that never failed is always verified,
 * so a flood cannot shut out a real provider.
 */
export class FailureLimiter {
  private readonly total: TokenBucket;
  private readonly byAddress = new Map<string, TokenBucket>();

  constructor(
    private readonly limits: FailureLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.total = new TokenBucket(limits.totalPerSecond, limits.totalPerSecond * 20, now);
  }

  /** Whether a request from `address` may be verified at all; spends nothing. */
  allows(address: string): boolean {
    const bucket = this.byAddress.get(address);
    if (!bucket) return true;
    return bucket.available() >= 1 && this.total.available() >= 1;
  }

  recordFailure(address: string): void {
    let bucket = this.byAddress.get(address);
    if (!bucket) {
      if (this.byAddress.size >= MAX_TRACKED_ADDRESSES) {
        const oldest = this.byAddress.keys().next().value as string;
        this.byAddress.delete(oldest);
      }
      bucket = new TokenBucket(
        this.limits.perAddressPerSecond,
        this.limits.perAddressPerSecond * 20,
        this.now,
      );
      this.byAddress.set(address, bucket);
    }
    bucket.tryTake();
    this.total.tryTake();
  }

  /** For Retry-After. */
  secondsUntilAllowed(address: string): number {
    return this.byAddress.get(address)?.secondsUntilNextToken() ?? 1;
  }
}
