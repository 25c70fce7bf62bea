import { Injectable } from '@nestjs/common';

/**
 * Ready or not; a component that is not ready says why, and any may add figures worth seeing at a
 * glance (a queue's depth). Both are shown in /readyz: never personal data.
 */
export type ReadinessResult =
  boolean | { ready: boolean; reason?: string; details?: Record<string, number | string> };
export type ReadinessCheck = () => ReadinessResult | Promise<ReadinessResult>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, boolean>;
  /** Why a check is false, for the checks that said. */
  reasons: Record<string, string>;
  /** Figures of the checks that gave some, shown whether ready or not. */
  details: Record<string, Record<string, number | string>>;
}

/**
 * Components register what "ready" means for them (producer connected, consumer running, database
 * reachable). While draining on shutdown the service reports not ready so load balancers stop
 * sending traffic before the process exits.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();
  private draining = false;

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  startDraining(): void {
    this.draining = true;
  }

  isDraining(): boolean {
    return this.draining;
  }

  async evaluate(): Promise<ReadinessReport> {
    const checks: Record<string, boolean> = {};
    const reasons: Record<string, string> = {};
    const details: ReadinessReport['details'] = {};
    for (const [name, check] of this.checks) {
      try {
        const result = await check();
        checks[name] = typeof result === 'boolean' ? result : result.ready;
        if (typeof result !== 'boolean' && !result.ready && result.reason) reasons[name] = result.reason;
        if (typeof result !== 'boolean' && result.details) details[name] = result.details;
      } catch (error) {
        checks[name] = false;
        reasons[name] = `check failed: ${(error as Error).message ?? String(error)}`.slice(0, 300);
      }
    }
    if (this.draining) checks['draining'] = false;
    return { ready: Object.values(checks).every(Boolean), checks, reasons, details };
  }
}
