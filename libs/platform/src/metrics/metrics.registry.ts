import { Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per service (not the global one), so tests can build apps side by side. */
export class MetricsRegistry extends Registry {
  constructor(service: string) {
    super();
    this.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this });
  }
}
