import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { IngressMetrics } from '../../../apps/ingress/src/observability/ingress-metrics';
import { ConsumerMetrics } from '@ledgerhook/consumer';
import { MetricsRegistry } from '@ledgerhook/platform';
import { configValue, findObject, renderKustomization, REPO_ROOT } from './rendered-manifests';

// Alerts and panels are checked offline: each expression parses (Prometheus's own PromQL grammar),
// each metric it names is one the services register (or an external one listed below), each label
// it names exists on that metric, and each alert links to a runbook section that exists.

/** Series the services do not produce, with who does. */
const EXTERNAL_METRICS: Record<string, string[]> = {
  // kube-state-metrics
  kube_pod_status_ready: ['namespace', 'pod', 'condition', 'uid'],
};
/** Labels Prometheus adds to every scraped series (ServiceMonitor target labels). */
const TARGET_LABELS = ['job', 'instance', 'namespace', 'pod', 'service', 'container', 'endpoint', 'le'];

function registeredMetrics(): Map<string, string[]> {
  const registry = new MetricsRegistry('monitoring-spec');
  new IngressMetrics(registry);
  new ConsumerMetrics(registry);
  const metrics = new Map<string, string[]>();
  for (const metric of registry.getMetricsAsArray()) {
    const {
      name,
      labelNames = [],
      type,
    } = metric as unknown as { name: string; labelNames?: string[]; type: string };
    const labels = [...labelNames, 'service'];
    const names = type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
    for (const series of names) metrics.set(series, labels);
  }
  return metrics;
}
const METRICS = registeredMetrics();

interface Selector {
  metric: string;
  labels: string[];
}

/** Parse errors, the selectors, and the labels of by/without/on/ignoring clauses. */
function analyse(expr: string): { errors: number[]; selectors: Selector[]; groupingLabels: string[] } {
  const errors: number[] = [];
  const selectors: Selector[] = [];
  const groupingLabels: string[] = [];
  const cursor = parser.parse(expr).cursor();
  do {
    if (cursor.type.isError) errors.push(cursor.from);
    if (cursor.name === 'VectorSelector') {
      const node = cursor.node;
      const identifier = node.getChild('Identifier');
      const labels = node
        .getChild('LabelMatchers')
        ?.getChildren('UnquotedLabelMatcher')
        .map((matcher) => matcher.getChild('LabelName'))
        .map((label) => (label ? expr.slice(label.from, label.to) : ''));
      if (identifier)
        selectors.push({ metric: expr.slice(identifier.from, identifier.to), labels: labels ?? [] });
    }
    if (cursor.name === 'GroupingLabels') {
      const node = cursor.node;
      for (const label of node.getChildren('LabelName'))
        groupingLabels.push(expr.slice(label.from, label.to));
    }
  } while (cursor.next());
  return { errors, selectors, groupingLabels };
}

function checkExpression(where: string, expr: string): void {
  const { errors, selectors, groupingLabels } = analyse(expr);
  expect({ where, parseErrorsAt: errors }).toEqual({ where, parseErrorsAt: [] });
  expect(selectors.length).toBeGreaterThan(0);
  const available = new Set(TARGET_LABELS);
  for (const { metric, labels } of selectors) {
    const known = METRICS.get(metric) ?? EXTERNAL_METRICS[metric];
    expect({ where, metric, known: !!known }).toEqual({ where, metric, known: true });
    for (const label of known ?? []) available.add(label);
    for (const label of labels) {
      expect({
        where,
        metric,
        label,
        exists: TARGET_LABELS.includes(label) || !!known?.includes(label),
      }).toEqual({
        where,
        metric,
        label,
        exists: true,
      });
    }
  }
  for (const label of groupingLabels) {
    expect({ where, label, exists: available.has(label) }).toEqual({ where, label, exists: true });
  }
}

interface Rule {
  alert: string;
  expr: string;
  annotations: Record<string, string>;
}
const monitoring = () => renderKustomization('k8s/monitoring');
const rules = (): Rule[] =>
  (
    findObject(monitoring(), 'PrometheusRule', 'ledgerhook').spec as { groups: { rules: Rule[] }[] }
  ).groups.flatMap((group) => group.rules);

/** GitHub's anchors for the headings of a Markdown file. */
function anchors(file: string): Set<string> {
  const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
  return new Set(
    [...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) =>
      (match[1] as string)
        .trim()
        .toLowerCase()
        .replace(/[^\w\- ]/g, '')
        .replace(/ /g, '-'),
    ),
  );
}

describe('k8s/monitoring', () => {
  it('catches what it checks: a typo in a metric, a broken expression, an unknown label', () => {
    expect(analyse('rate(ingress_webhook_requests_total[5m]').errors.length).toBeGreaterThan(0);
    expect(METRICS.has('ingress_webhook_request_total')).toBe(false);
    expect(METRICS.get('consumer_lag')).toEqual(expect.arrayContaining(['consumer', 'topic', 'partition']));
    expect(METRICS.get('outbox_backlog')).not.toContain('topic');
  });

  it('alerts on what the issue names, each with a runbook section in docs/operations.md', () => {
    const sections = anchors('docs/operations.md');
    const names = rules().map((rule) => rule.alert);
    expect(names).toEqual(
      expect.arrayContaining([
        'LedgerhookIngressErrors',
        'LedgerhookIngressUnauthorized',
        'LedgerhookIngressPublishSlow',
        'LedgerhookIngressSaturated',
        'LedgerhookConsumerLag',
        'LedgerhookDeadLetters',
        'LedgerhookConsumerPaused',
        'LedgerhookOutboxBacklog',
      ]),
    );
    for (const rule of rules()) {
      const match = /^docs\/operations\.md#([\w-]+)$/.exec(rule.annotations['runbook_url'] ?? '');
      expect({ alert: rule.alert, runbook: match?.[1] !== undefined && sections.has(match[1]) }).toEqual({
        alert: rule.alert,
        runbook: true,
      });
    }
  });

  it('writes every alert expression in valid PromQL over metrics and labels that exist', () => {
    for (const rule of rules()) checkExpression(rule.alert, rule.expr);
  });

  it('alerts on saturation at 80% of the ingress PUBLISH_MAX_IN_FLIGHT', () => {
    const limit = Number(
      configValue(renderKustomization('k8s/overlays/prod'), 'ingress-config', 'PUBLISH_MAX_IN_FLIGHT'),
    );
    const saturated = rules().find((rule) => rule.alert === 'LedgerhookIngressSaturated');
    expect(saturated?.expr.trim()).toBe(`max(ingress_events_in_flight) > ${limit * 0.8}`);
  });

  it('draws every dashboard panel from valid PromQL over metrics and labels that exist', () => {
    const dashboard = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'k8s/monitoring/ledgerhook.dashboard.json'), 'utf8'),
    ) as {
      uid: string;
      panels: { title: string; targets: { expr: string }[] }[];
    };
    expect(dashboard.uid).toBe('ledgerhook');
    for (const panel of dashboard.panels) {
      expect(panel.targets.length).toBeGreaterThan(0);
      for (const target of panel.targets) checkExpression(panel.title, target.expr);
    }
  });

  it("scrapes the services' metrics port", () => {
    const monitor = findObject(monitoring(), 'ServiceMonitor', 'ledgerhook').spec as {
      selector: { matchLabels: Record<string, string> };
      endpoints: { port: string; path: string }[];
    };
    expect(monitor.endpoints).toEqual([expect.objectContaining({ port: 'metrics', path: '/metrics' })]);
    const services = renderKustomization('k8s/overlays/prod').filter((object) => object.kind === 'Service');
    for (const service of services) {
      expect(service.metadata.labels).toEqual(expect.objectContaining(monitor.selector.matchLabels));
    }
  });
});
