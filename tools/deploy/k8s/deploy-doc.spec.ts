import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TOPIC_CATALOGUE } from '@ledgerhook/contracts';
import { type K8sObject, KUSTOMIZATIONS, renderKustomization, REPO_ROOT } from './rendered-manifests';

// docs/deploy.md, replayed on paper: each command of its bash blocks is checked against what the
// commands before it built, created and applied. A command this file does not know fails the test.

const DOC = 'docs/deploy.md';

function commands(): string[] {
  const text = readFileSync(path.join(REPO_ROOT, DOC), 'utf8');
  return [...text.matchAll(/```bash\n([\s\S]*?)```/g)]
    .flatMap((block) => (block[1] as string).replace(/\\\n\s*/g, ' ').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

interface Cluster {
  images: Set<string>;
  namespaces: Set<string>;
  /** namespace/name → keys */
  secrets: Map<string, Set<string>>;
  /** namespace → objects applied there */
  applied: Map<string, K8sObject[]>;
  /** local port → namespace/service */
  forwarded: Map<string, string>;
}

const word = (command: string, flag: string) => new RegExp(`${flag}[= ](\\S+)`).exec(command)?.[1];

interface PodTemplate {
  spec: {
    containers: { image: string; env?: { valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] }[];
    volumes?: { secret?: { secretName: string; items?: { key: string }[] } }[];
  };
}

/** Secrets an object reads: [name, key or undefined]. */
function secretsRead(object: K8sObject): [string, string | undefined][] {
  const reads: [string, string | undefined][] = [];
  const template = (object.spec as { template?: PodTemplate } | undefined)?.template;
  for (const container of template?.spec.containers ?? []) {
    for (const entry of container.env ?? []) {
      const ref = entry.valueFrom?.secretKeyRef;
      if (ref) reads.push([ref.name, ref.key]);
    }
  }
  for (const volume of template?.spec.volumes ?? []) {
    if (volume.secret) {
      const keys = volume.secret.items?.map((item) => item.key) ?? [undefined];
      for (const key of keys) reads.push([volume.secret.secretName, key]);
    }
  }
  if (object.kind === 'Ingress') {
    for (const tls of (object.spec as { tls?: { secretName: string }[] }).tls ?? []) {
      reads.push([tls.secretName, 'tls.crt']);
    }
  }
  if (object.kind === 'TriggerAuthentication') {
    for (const ref of (object.spec as { secretTargetRef?: { name: string; key: string }[] })
      .secretTargetRef ?? []) {
      reads.push([ref.name, ref.key]);
    }
  }
  return reads;
}

/** Secrets Strimzi writes for what was applied: one per KafkaUser, and each Kafka's cluster CA. */
function strimziSecrets(objects: readonly K8sObject[]): Map<string, Set<string>> {
  const secrets = new Map<string, Set<string>>();
  for (const object of objects) {
    if (object.kind === 'KafkaUser')
      secrets.set(object.metadata.name, new Set(['password', 'sasl.jaas.config']));
    if (object.kind === 'Kafka') secrets.set(`${object.metadata.name}-cluster-ca-cert`, new Set(['ca.crt']));
  }
  return secrets;
}

function namespaceOf(command: string): string {
  const namespace = word(command, '-n');
  if (!namespace) throw new Error(`"${command}" names no namespace (-n)`);
  return namespace;
}

function appliedIn(cluster: Cluster, namespace: string): K8sObject[] {
  const objects = cluster.applied.get(namespace);
  if (!objects) throw new Error(`nothing was applied to ${namespace} before this command`);
  return objects;
}

function apply(cluster: Cluster, dir: string): void {
  expect(KUSTOMIZATIONS).toContain(dir);
  const objects = renderKustomization(dir);
  for (const object of objects) {
    const namespace = object.metadata.namespace as string;
    expect({
      dir,
      object: object.metadata.name,
      namespaceCreated: cluster.namespaces.has(namespace),
    }).toEqual({
      dir,
      object: object.metadata.name,
      namespaceCreated: true,
    });
    cluster.applied.set(namespace, [...(cluster.applied.get(namespace) ?? []), object]);
  }
  for (const object of objects) {
    const namespace = object.metadata.namespace as string;
    const generated = strimziSecrets(appliedIn(cluster, namespace));
    for (const [name, key] of secretsRead(object)) {
      const keys = cluster.secrets.get(`${namespace}/${name}`) ?? generated.get(name);
      const created = keys !== undefined && (key === undefined || keys.has(key));
      expect({
        reader: `${object.kind} ${object.metadata.name}`,
        secret: `${namespace}/${name}`,
        key,
        created,
      }).toEqual({
        reader: `${object.kind} ${object.metadata.name}`,
        secret: `${namespace}/${name}`,
        key,
        created: true,
      });
    }
    const template = (object.spec as { template?: PodTemplate } | undefined)?.template;
    for (const container of template?.spec.containers ?? []) {
      if (!container.image.includes('ledgerhook')) continue;
      expect({
        object: object.metadata.name,
        image: container.image,
        built: cluster.images.has(container.image),
      }).toEqual({
        object: object.metadata.name,
        image: container.image,
        built: true,
      });
    }
  }
}

function find(cluster: Cluster, namespace: string, kind: string, name: string): K8sObject {
  const object = appliedIn(cluster, namespace).find(
    (candidate) => candidate.kind.toLowerCase() === kind.toLowerCase() && candidate.metadata.name === name,
  );
  if (!object) throw new Error(`${kind}/${name} was not applied to ${namespace}`);
  return object;
}

/** Checks one command; returns what it was recognised as. */
function check(cluster: Cluster, command: string): string {
  let match: RegExpExecArray | null;
  if (/^[A-Z_]+="\$\(openssl rand -(hex|base64) \d+\)"$/.test(command)) return 'variable';
  if ((match = /^docker build (.*)-t (\S+) \.$/.exec(command))) {
    cluster.images.add(match[2] as string);
    return 'build';
  }
  if ((match = /^(?:docker push|kind load docker-image) (\S+)$/.exec(command))) {
    expect(cluster.images.has(match[1] as string)).toBe(true);
    return 'push';
  }
  if ((match = /^kubectl create namespace (\S+)$/.exec(command))) {
    cluster.namespaces.add(match[1] as string);
    return 'namespace';
  }
  if ((match = /^kubectl apply -k (\S+)$/.exec(command))) {
    apply(cluster, match[1] as string);
    return 'apply';
  }
  if ((match = /^kubectl -n \S+ create secret generic (\S+) (.*)$/.exec(command))) {
    const keys = [...(match[2] as string).matchAll(/--from-literal=([A-Z_]+)=/g)].map((m) => m[1] as string);
    expect(keys.length).toBeGreaterThan(0);
    cluster.secrets.set(`${namespaceOf(command)}/${match[1]}`, new Set(keys));
    return 'secret';
  }
  if ((match = /^kubectl -n \S+ create secret tls (\S+) --cert=\S+ --key=\S+$/.exec(command))) {
    cluster.secrets.set(`${namespaceOf(command)}/${match[1]}`, new Set(['tls.crt', 'tls.key']));
    return 'secret';
  }
  if (
    (match = /^kubectl -n \S+ wait (\S+?)(?:\/(\S+)| --all) --for=condition=(\w+) --timeout=\d+m$/.exec(
      command,
    ))
  ) {
    const [, kind, name] = match;
    if (name) find(cluster, namespaceOf(command), kind as string, name);
    else
      expect(appliedIn(cluster, namespaceOf(command)).some((o) => o.kind.toLowerCase() === kind)).toBe(true);
    return 'wait';
  }
  if (
    (match = /^kubectl -n \S+ rollout status (deployment|statefulset)\/(\S+) --timeout=\d+m$/.exec(command))
  ) {
    find(cluster, namespaceOf(command), match[1] as string, match[2] as string);
    return 'rollout';
  }
  if ((match = /^kubectl -n \S+ port-forward service\/(\S+) (\d+):(\d+) &$/.exec(command))) {
    const service = find(cluster, namespaceOf(command), 'Service', match[1] as string);
    const ports = (service.spec as { ports: { port: number }[] }).ports.map((port) => String(port.port));
    expect(ports).toContain(match[3]);
    cluster.forwarded.set(match[2] as string, `${namespaceOf(command)}/${match[1]}`);
    return 'port-forward';
  }
  if (
    (match = /^curl -sS -X POST (https?):\/\/([^/:\s]+)(?::(\d+))?(\/webhooks\/[a-z-]+) (.*)$/.exec(command))
  ) {
    const [, scheme, host, port, route, rest] = match as unknown as string[];
    const file = /--data-binary @(\S+)/.exec(rest as string)?.[1] as string;
    expect(existsSync(path.join(REPO_ROOT, file))).toBe(true);
    if (route === '/webhooks/creditchek') expect(rest).toContain('x-auth-signature: ');
    if (host === '127.0.0.1') {
      expect(cluster.forwarded.get(port as string)).toMatch(/\/ingress$/);
      return 'webhook';
    }
    expect(scheme).toBe('https');
    const ingress = [...cluster.applied.values()]
      .flat()
      .find((object) => object.kind === 'Ingress' && (object.spec as { tls?: unknown[] }).tls);
    const rules = (ingress?.spec as { rules: { host: string }[] } | undefined)?.rules ?? [];
    expect(rules.map((rule) => rule.host)).toContain(host);
    return 'webhook';
  }
  if (
    (match = /^kubectl -n \S+ exec (\S+) -- bin\/kafka-console-consumer\.sh .*--topic (\S+) .*$/.exec(
      command,
    ))
  ) {
    const objects = appliedIn(cluster, namespaceOf(command));
    const kafka = objects.find((object) => object.kind === 'Kafka');
    const pools = objects
      .filter((object) => object.kind === 'KafkaNodePool')
      .map((pool) => pool.metadata.name);
    expect(pools.map((pool) => `${kafka?.metadata.name}-${pool}-0`)).toContain(match[1]);
    expect(TOPIC_CATALOGUE.map((spec) => spec.name)).toContain(match[2]);
    return 'read-back';
  }
  throw new Error(`${DOC} runs a command no test checks: ${command}`);
}

describe(DOC, () => {
  it('takes a cluster from nothing to webhooks flowing, each command checked against what came before', () => {
    const cluster: Cluster = {
      images: new Set(),
      namespaces: new Set(),
      secrets: new Map(),
      applied: new Map(),
      forwarded: new Map(),
    };
    const seen = commands().map((command) => {
      try {
        return check(cluster, command);
      } catch (error) {
        throw new Error(`${DOC}: "${command}": ${(error as Error).message}`);
      }
    });
    // Every kustomization is applied, and webhooks are sent in both environments.
    const appliedDirs = commands()
      .map((command) => /^kubectl apply -k (\S+)$/.exec(command)?.[1])
      .filter(Boolean);
    expect([...appliedDirs].sort()).toEqual([...KUSTOMIZATIONS].sort());
    expect(seen.filter((kind) => kind === 'webhook')).toHaveLength(2);
    expect(seen).toContain('read-back');
  });

  it('fails on a command it does not know, and on a Secret nobody created', () => {
    const cluster: Cluster = {
      images: new Set(['ledgerhook:0.1.0']),
      namespaces: new Set(['ledgerhook-dev']),
      secrets: new Map(),
      applied: new Map(),
      forwarded: new Map(),
    };
    expect(() => check(cluster, 'kubectl delete namespace ledgerhook')).toThrow(/no test checks/);
    expect(() => check(cluster, 'kubectl apply -k k8s/overlays/dev')).toThrow();
  });
});
