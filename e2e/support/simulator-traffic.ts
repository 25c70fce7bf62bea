import type { SystemUnderTest } from './system-under-test';

// The provider simulator's traffic generator, as the suites drive it (POST / GET /admin/traffic).

export interface SentFlow {
  provider: 'credfin' | 'creditchek' | 'bridge';
  /** Credfin application id, CreditChek borrower id without its `sim-` prefix, or Bridge item id. */
  id: string;
  webhooks: number;
  complete: boolean;
}

export interface TrafficSummary {
  running: boolean;
  flows: Record<SentFlow['provider'], { started: number; complete: number; failed: number }>;
  deliveries: { total: number; byStatus: Record<string, number>; retries: number };
  sent: SentFlow[];
}

/** Starts a run; answers the simulator's status (202 when started). */
export async function startTraffic(
  system: SystemUnderTest,
  settings: {
    ratePerSecond: number;
    limit?: number;
    mix?: Partial<Record<SentFlow['provider'], number>>;
  },
): Promise<number> {
  const response = await fetch(`${system.url('provider-simulator')}/admin/traffic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  await response.arrayBuffer();
  return response.status;
}

/** What the simulator says it sent. */
export async function trafficSummary(system: SystemUnderTest): Promise<TrafficSummary> {
  return (await (await fetch(`${system.url('provider-simulator')}/admin/traffic`)).json()) as TrafficSummary;
}
