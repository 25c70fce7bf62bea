import { Injectable } from '@nestjs/common';
import type { Faults } from './faults.schema';

/** What the simulated providers do wrong, set by tests and demos through /admin/faults. */
@Injectable()
export class FaultInjector {
  private faults: Faults = {};
  private failUntil = 0;
  private failRemaining = 0;
  private readonly hits = new Map<string, number>();

  /** Starting with the faults SIMULATOR_FAULTS names, if any. */
  static from(faults: Faults | undefined): FaultInjector {
    const injector = new FaultInjector();
    if (faults) injector.set(faults);
    return injector;
  }

  set(faults: Faults): void {
    this.faults = faults;
    this.failRemaining = faults.failCount ?? 0;
    this.failUntil = faults.failForMs ? Date.now() + faults.failForMs : 0;
  }

  clear(): void {
    this.set({});
  }

  /** The latency to add to an answer of `provider` (`key` of hit() starts with it). */
  latencyMs(base: number, provider?: string): number {
    return base + (this.applies(provider) ? (this.faults.latencyMs ?? 0) : 0);
  }

  /** Counts the hit (`<provider> <path>`); the failure to simulate for it, if any. */
  hit(
    key: string,
  ): { status: number; retryAfterSeconds?: number; reset: boolean; truncate: boolean } | undefined {
    this.hits.set(key, (this.hits.get(key) ?? 0) + 1);
    if (!this.applies(key.split(' ', 1)[0])) return undefined;
    const failing = this.failRemaining > 0 || Date.now() < this.failUntil;
    if (!failing) return undefined;
    if (this.failRemaining > 0) this.failRemaining -= 1;
    return {
      status: this.faults.failStatus ?? 503,
      ...(this.faults.retryAfterSeconds ? { retryAfterSeconds: this.faults.retryAfterSeconds } : {}),
      reset: this.faults.resetConnections ?? false,
      truncate: this.faults.truncateBodies ?? false,
    };
  }

  private applies(provider: string | undefined): boolean {
    return this.faults.provider === undefined || this.faults.provider === provider;
  }

  hitCounts(): Record<string, number> {
    return Object.fromEntries(this.hits);
  }

  resetHits(): void {
    this.hits.clear();
  }
}
