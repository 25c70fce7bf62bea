import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { CreditChekInsights } from '../creditchek/creditchek-insights';
import { PROVIDER_SIMULATOR_CONFIG } from '../provider-simulator.tokens';
import type { ProviderSimulatorConfig } from '../config/provider-simulator.config';
import { bridgeEvents, simulatedItem } from './bridge-flow';
import { creditChekEvents } from './creditchek-flow';
import { credfinLifeCycle, simulatedApplication } from './credfin-life-cycle';
import { type Delivery, IngressDeliveries } from './ingress-deliveries';
import { PROVIDERS, type TrafficProvider, type TrafficSettings } from './traffic.settings';

/** One flow the generator sent: its id at the provider and whether every webhook was answered 2xx. */
export interface SentFlow {
  provider: TrafficProvider;
  /** Credfin application id, CreditChek borrower id or Bridge item id. */
  id: string;
  webhooks: number;
  complete: boolean;
}

export interface TrafficSummary {
  running: boolean;
  settings: TrafficSettings | null;
  startedAt: string | null;
  flows: Record<TrafficProvider, { started: number; complete: number; failed: number; inFlight: number }>;
  deliveries: { total: number; byStatus: Record<string, number>; retries: number };
  /** The last SENT_KEPT finished flows, oldest first (counts above are exact). */
  sent: SentFlow[];
}

const SENT_KEPT = 10_000;
const TICK_MS = 20;

const emptyCounts = () =>
  Object.fromEntries(
    PROVIDERS.map((p) => [p, { started: 0, complete: 0, failed: 0, inFlight: 0 }]),
  ) as TrafficSummary['flows'];

/**
 * Sends complete provider flows to the ingress at a set rate and mix: each flow's webhooks in series,
 * as the provider does (a Credfin application's life cycle, a CreditChek borrower's upload and
 * insight, a Bridge item's events), many flows at once. Ids are unique per run (from the start
 * time), personal data synthetic. Nothing it sends is logged.
 */
@Injectable()
export class TrafficGenerator implements OnApplicationShutdown {
  private settings: TrafficSettings | null = null;
  private startedAt = 0;
  private idBase = 0;
  private timer: NodeJS.Timeout | undefined;
  private flows = emptyCounts();
  private deliveries = { total: 0, byStatus: {} as Record<string, number>, retries: 0 };
  private sent: SentFlow[] = [];
  private readonly deliver: IngressDeliveries | undefined;

  constructor(
    @Inject(PROVIDER_SIMULATOR_CONFIG) config: ProviderSimulatorConfig,
    private readonly insights: CreditChekInsights,
  ) {
    this.deliver = config.traffic.target ? new IngressDeliveries(config.traffic.target) : undefined;
    if (config.traffic.atBoot) this.start(config.traffic.atBoot);
  }

  get configured(): boolean {
    return this.deliver !== undefined;
  }

  /** Starts a run with fresh counts (stopping any run in progress; its flows in flight finish). */
  start(settings: TrafficSettings): void {
    if (!this.deliver) throw new Error('no traffic target configured');
    this.stop();
    this.settings = settings;
    this.startedAt = Date.now();
    // Unique per run started a second apart (up to 10,000 flows), small enough that derived ids
    // (analysis = application id + a digit, Bridge account = item id × 10 + 1) stay exact numbers.
    this.idBase = 100_000_000_000 + (Math.floor(this.startedAt / 1_000) % 10_000_000) * 10_000;
    this.flows = emptyCounts();
    this.deliveries = { total: 0, byStatus: {}, retries: 0 };
    this.sent = [];
    this.timer = setInterval(
      () => this.tick(),
      Math.max(TICK_MS, Math.min(1_000, 1_000 / settings.ratePerSecond)),
    );
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  summary(): TrafficSummary {
    return {
      running: this.timer !== undefined,
      settings: this.settings,
      startedAt: this.startedAt ? new Date(this.startedAt).toISOString() : null,
      flows: structuredClone(this.flows),
      deliveries: structuredClone(this.deliveries),
      sent: [...this.sent],
    };
  }

  private get startedCount(): number {
    return PROVIDERS.reduce((sum, p) => sum + this.flows[p].started, 0);
  }

  private get inFlight(): number {
    return PROVIDERS.reduce((sum, p) => sum + this.flows[p].inFlight, 0);
  }

  private tick(): void {
    const settings = this.settings as TrafficSettings;
    const due = Math.floor(((Date.now() - this.startedAt) / 1_000) * settings.ratePerSecond) + 1;
    while (this.startedCount < due && this.inFlight < settings.maxInFlight) {
      if (settings.limit !== undefined && this.startedCount >= settings.limit) break;
      void this.runFlow(this.nextProvider(settings));
    }
    if (settings.limit !== undefined && this.startedCount >= settings.limit) this.stop();
  }

  /** The provider furthest behind its share of the mix: exact proportions, no randomness. */
  private nextProvider(settings: TrafficSettings): TrafficProvider {
    let best: TrafficProvider = 'credfin';
    let bestShare = Infinity;
    for (const provider of PROVIDERS) {
      const weight = settings.mix[provider];
      if (weight <= 0) continue;
      const share = (this.flows[provider].started + 1) / weight;
      if (share < bestShare) [best, bestShare] = [provider, share];
    }
    return best;
  }

  private async runFlow(provider: TrafficProvider): Promise<void> {
    const counts = this.flows[provider];
    const n = this.startedCount;
    counts.started += 1;
    counts.inFlight += 1;
    const id = String(this.idBase + n);
    const send = this.flowOf(provider, id);
    let complete = true;
    let webhooks = 0;
    for (const delivery of send) {
      const { status, attempts } = await delivery();
      webhooks += 1;
      this.deliveries.total += attempts;
      this.deliveries.retries += attempts - 1;
      this.deliveries.byStatus[status] = (this.deliveries.byStatus[status] ?? 0) + 1;
      if (status < 200 || status > 299) complete = false;
    }
    counts.inFlight -= 1;
    counts[complete ? 'complete' : 'failed'] += 1;
    this.sent.push({ provider, id, webhooks, complete });
    if (this.sent.length > SENT_KEPT) this.sent.shift();
  }

  /** The flow's webhooks, each a delivery to run in order. */
  private flowOf(provider: TrafficProvider, id: string): (() => Promise<Delivery>)[] {
    const deliver = this.deliver as IngressDeliveries;
    switch (provider) {
      case 'credfin':
        return credfinLifeCycle(simulatedApplication(id), Date.now()).map((w) => () => deliver.credfin(w));
      case 'creditchek': {
        const borrowerId = `sim-${id}`;
        const events = creditChekEvents(borrowerId, `sim-app-${id}`);
        // What the simulated CreditChek API serves for the borrower: the insight it sends.
        this.insights.register(borrowerId, events[1]?.data ?? {});
        return events.map((w) => () => deliver.creditchek(w));
      }
      case 'bridge':
        return bridgeEvents(simulatedItem(Number(id)), Date.now()).map((w) => () => deliver.bridge(w));
    }
  }
}
