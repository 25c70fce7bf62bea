import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  RAW_MAX_BODY_BYTES,
  RAW_RECORD_OVERHEAD_BYTES,
  RAW_TOPIC_SPECS,
  TOPIC_CATALOGUE,
} from '@ledgerhook/contracts';
import { CONSUMER_TOPICS, kafkaUserOf } from './kafka-access';
import { KAFKA_CLUSTER, PROD_DURABILITY } from './render-kafka-resources';
import {
  configValue,
  findObject,
  type K8sObject,
  KUSTOMIZATIONS,
  renderKustomization,
  REPO_ROOT,
  schemaProblems,
} from './rendered-manifests';

// The rules the issue asks for, on what `kubectl apply -k` would send, so that they cannot regress.

interface Probe {
  httpGet?: { path: string; port: string | number };
  exec?: { command: string[] };
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type: string } };
  automountServiceAccountToken?: boolean;
  terminationGracePeriodSeconds?: number;
  volumes?: { name: string; secret?: { secretName: string } }[];
}
interface Workload extends K8sObject {
  spec: { template: { metadata: { labels: Record<string, string> }; spec: PodSpec } };
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job'];
const OVERLAYS = ['k8s/overlays/dev', 'k8s/overlays/prod'] as const;
/** The services, their HTTP port (README: ports) and whether they consume Kafka. */
const SERVICES: Record<string, number> = {
  ingress: 3000,
  'lifecycle-projector': 3001,
  'report-retriever': 3002,
  'income-scorer': 3003,
};
const CONSUMERS = ['lifecycle-projector', 'report-retriever', 'income-scorer'];
/** The services' own shutdown grace (libs/platform bootstrap default; the ingress sets its own). */
const CONSUMER_SHUTDOWN_GRACE_S = 20;
const TERMINATION_MARGIN_S = 5;
/** Names of variables whose value is a secret (or holds one, as a URL with a password does). */
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|CREDENTIAL|ENCRYPTION_KEYS|DATABASE_URL|PRIVATE|API_KEY/i;
const URL_WITH_PASSWORD = /\/\/[^/\s:@]+:[^/\s@]+@/;

const workloads = (objects: readonly K8sObject[]) =>
  objects.filter((object): object is Workload => WORKLOAD_KINDS.includes(object.kind));
const containersOf = (workload: Workload) => [
  ...(workload.spec.template.spec.initContainers ?? []),
  ...workload.spec.template.spec.containers,
];
/** A service's long-running workload: a Deployment, or the ingress's StatefulSet (its spool's claim). */
const deployment = (objects: readonly K8sObject[], name: string) =>
  (objects.find((object) => object.kind === 'StatefulSet' && object.metadata.name === name) ??
    findObject(objects, 'Deployment', name)) as Workload;
const mainContainer = (workload: Workload) => workload.spec.template.spec.containers[0] as Container;
const envOf = (container: Container, name: string) => container.env?.find((entry) => entry.name === name);

/** nginx size ("10m", "512k", "1g" or bytes) in bytes. */
function nginxBytes(size: string): number {
  const match = /^(\d+)([kmg]?)$/i.exec(size);
  if (!match) throw new Error(`not an nginx size: ${size}`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase()] as number;
  return Number(match[1]) * unit;
}

describe.each(KUSTOMIZATIONS)('%s', (dir) => {
  const objects = () => renderKustomization(dir);

  it('renders with kubectl kustomize', () => {
    expect(objects().length).toBeGreaterThan(0);
  });

  it('validates against the Kubernetes, Strimzi, KEDA and Prometheus Operator schemas', () => {
    expect(schemaProblems(objects())).toEqual([]);
  });

  it('commits no secret value: no Secret object, no secret-looking variable with a literal value', () => {
    expect(objects().filter((object) => object.kind === 'Secret')).toEqual([]);
    for (const object of objects().filter((candidate) => candidate.kind === 'ConfigMap')) {
      for (const [key, value] of Object.entries(object.data ?? {})) {
        expect({ configMap: object.metadata.name, key, secretName: SECRET_NAME.test(key) }).toEqual({
          configMap: object.metadata.name,
          key,
          secretName: false,
        });
        expect({ key, urlWithPassword: URL_WITH_PASSWORD.test(value) }).toEqual({
          key,
          urlWithPassword: false,
        });
      }
    }
    for (const workload of workloads(objects())) {
      for (const container of containersOf(workload)) {
        for (const entry of container.env ?? []) {
          if (entry.value === undefined) continue;
          expect({
            container: container.name,
            variable: entry.name,
            literal: SECRET_NAME.test(entry.name),
          }).toEqual({ container: container.name, variable: entry.name, literal: false });
          expect(URL_WITH_PASSWORD.test(entry.value)).toBe(false);
        }
      }
    }
  });

  it('runs every pod non-root, read-only, without capabilities, under seccomp RuntimeDefault, without an API token', () => {
    for (const workload of workloads(objects())) {
      const pod = workload.spec.template.spec;
      const where = `${workload.kind} ${workload.metadata.name}`;
      expect({ where, runAsNonRoot: pod.securityContext?.runAsNonRoot }).toEqual({
        where,
        runAsNonRoot: true,
      });
      expect({ where, seccomp: pod.securityContext?.seccompProfile?.type }).toEqual({
        where,
        seccomp: 'RuntimeDefault',
      });
      expect({ where, token: pod.automountServiceAccountToken }).toEqual({ where, token: false });
      for (const container of containersOf(workload)) {
        expect({ where, container: container.name, securityContext: container.securityContext }).toEqual({
          where,
          container: container.name,
          securityContext: expect.objectContaining({
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: expect.objectContaining({ drop: ['ALL'] }),
          }),
        });
      }
    }
  });

  it('pins every image (a version tag or a digest, never latest) and sets requests and a memory limit', () => {
    for (const workload of workloads(objects())) {
      for (const container of containersOf(workload)) {
        const where = `${workload.metadata.name}/${container.name}`;
        const image = container.image;
        const pinned = /@sha256:[0-9a-f]{64}$/.test(image) || /:[^/:@]+$/.test(image);
        expect({ where, image, pinned, latest: /:latest(@|$)/.test(image) }).toEqual({
          where,
          image,
          pinned: true,
          latest: false,
        });
        expect({ where, resources: container.resources }).toEqual({
          where,
          resources: {
            requests: { cpu: expect.any(String), memory: expect.any(String) },
            limits: { memory: expect.any(String) },
          },
        });
      }
    }
  });

  it('gives every long-running container startup, liveness and readiness probes', () => {
    for (const workload of workloads(objects()).filter((candidate) => candidate.kind !== 'Job')) {
      for (const container of workload.spec.template.spec.containers) {
        const where = `${workload.metadata.name}/${container.name}`;
        expect({
          where,
          startup: !!container.startupProbe,
          liveness: !!container.livenessProbe,
          readiness: !!container.readinessProbe,
        }).toEqual({
          where,
          startup: true,
          liveness: true,
          readiness: true,
        });
      }
    }
  });
});

describe.each(OVERLAYS)('%s: the services', (dir) => {
  const objects = () => renderKustomization(dir);
  const platformConfig = (key: string) => configValue(objects(), 'ledgerhook-platform', key);

  it.each(Object.entries(SERVICES))(
    '%s runs its own entrypoint on its port, probed on /healthz and /readyz',
    (name, port) => {
      const container = mainContainer(deployment(objects(), name));
      expect(container.args).toEqual(['node', '--enable-source-maps', `dist/apps/${name}/src/main.js`]);
      expect(existsSync(path.join(REPO_ROOT, 'apps', name, 'src', 'main.ts'))).toBe(true);
      expect(envOf(container, 'PORT')?.value).toBe(String(port));
      expect(container.ports).toEqual([
        { name: 'http', containerPort: port },
        { name: 'metrics', containerPort: Number(platformConfig('METRICS_PORT')) },
      ]);
      expect(container.startupProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
    },
  );

  it('is scraped on METRICS_PORT', () => {
    for (const name of Object.keys(SERVICES)) {
      const annotations = deployment(objects(), name).spec.template as {
        metadata: { annotations?: Record<string, string> };
      };
      expect(annotations.metadata.annotations?.['prometheus.io/port']).toBe(platformConfig('METRICS_PORT'));
      const service = findObject(objects(), 'Service', name).spec as {
        ports: { name: string; port: number }[];
      };
      expect(service.ports).toContainEqual(
        expect.objectContaining({ name: 'metrics', port: Number(platformConfig('METRICS_PORT')) }),
      );
    }
  });

  it('traces to the collector over OTLP, and the network lets every service reach it', () => {
    const endpoint = new URL(platformConfig('OTEL_EXPORTER_OTLP_ENDPOINT'));
    const policy = findObject(objects(), 'NetworkPolicy', 'traces-export').spec as {
      podSelector: { matchLabels: Record<string, string> };
      egress: {
        to: { namespaceSelector: { matchLabels: Record<string, string> } }[];
        ports: { port: number }[];
      }[];
    };
    expect(policy.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/part-of': 'ledgerhook' });
    expect(policy.egress[0]?.ports).toEqual([expect.objectContaining({ port: Number(endpoint.port) })]);
    // <service>.<namespace>: the policy opens exactly the collector's namespace.
    expect(policy.egress[0]?.to[0]?.namespaceSelector.matchLabels['kubernetes.io/metadata.name']).toBe(
      endpoint.hostname.split('.')[1],
    );
  });

  it('drains the ingress: preStop equals SHUTDOWN_DELAY_MS, the grace period covers preStop and SHUTDOWN_GRACE_MS', () => {
    const ingress = findObject(objects(), 'StatefulSet', 'ingress') as Workload;
    const preStop = mainContainer(ingress).lifecycle?.preStop?.sleep?.seconds as number;
    const delayMs = Number(configValue(objects(), 'ingress-config', 'SHUTDOWN_DELAY_MS'));
    const graceMs = Number(configValue(objects(), 'ingress-config', 'SHUTDOWN_GRACE_MS'));
    expect(preStop * 1000).toBe(delayMs);
    expect(graceMs).toBeGreaterThan(delayMs);
    expect(ingress.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(
      preStop + graceMs / 1000 + TERMINATION_MARGIN_S,
    );
    for (const consumer of CONSUMERS) {
      expect(
        deployment(objects(), consumer).spec.template.spec.terminationGracePeriodSeconds,
      ).toBeGreaterThanOrEqual(CONSUMER_SHUTDOWN_GRACE_S + TERMINATION_MARGIN_S);
    }
  });

  it('exposes only /webhooks/* to the outside, with the body limit of WEBHOOK_MAX_BODY_BYTES', () => {
    const ingresses = objects().filter((object) => object.kind === 'Ingress');
    expect(ingresses.map((object) => object.metadata.name)).toEqual(['webhooks']);
    const webhooks = ingresses[0] as K8sObject;
    const maxBody = Number(configValue(objects(), 'ingress-config', 'WEBHOOK_MAX_BODY_BYTES'));
    expect(
      nginxBytes(webhooks.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size'] ?? ''),
    ).toBe(maxBody);
    expect(maxBody).toBeLessThanOrEqual(RAW_MAX_BODY_BYTES);
    const rules = (webhooks.spec as { rules: { http: { paths: unknown[] } }[] }).rules;
    expect(rules.flatMap((rule) => rule.http.paths)).toEqual([
      {
        path: '/webhooks',
        pathType: 'Prefix',
        backend: { service: { name: 'ingress', port: { name: 'http' } } },
      },
    ]);
    const services = objects().filter((object) => object.kind === 'Service');
    for (const service of services) {
      expect({
        service: service.metadata.name,
        type: (service.spec as { type?: string }).type ?? 'ClusterIP',
      }).toEqual({
        service: service.metadata.name,
        type: 'ClusterIP',
      });
    }
  });

  it('opens each read API on its HTTP port only: /metrics (METRICS_PORT) is for the scraper', () => {
    for (const [policy, service] of [
      ['lifecycle-read-api', 'lifecycle-projector'],
      ['report-retriever-read-api', 'report-retriever'],
    ] as const) {
      const spec = findObject(objects(), 'NetworkPolicy', policy).spec as {
        podSelector: { matchLabels: Record<string, string> };
        ingress: { ports: { port: number }[] }[];
      };
      expect(spec.podSelector.matchLabels['app.kubernetes.io/name']).toBe(service);
      expect(spec.ingress.flatMap((rule) => rule.ports.map((port) => port.port))).toEqual([
        SERVICES[service] as number,
      ]);
    }
  });

  it('puts every pod of ours under the default-deny network policy', () => {
    const selector = (
      findObject(objects(), 'NetworkPolicy', 'default-deny').spec as {
        podSelector: { matchLabels: Record<string, string> };
      }
    ).podSelector.matchLabels;
    for (const workload of workloads(objects())) {
      expect({ workload: workload.metadata.name, labels: workload.spec.template.metadata.labels }).toEqual({
        workload: workload.metadata.name,
        labels: expect.objectContaining(selector),
      });
    }
  });

  it('lets the ingress scale on CPU between two replicas at least (one in dev) and keeps one through disruptions', () => {
    const hpa = findObject(objects(), 'HorizontalPodAutoscaler', 'ingress').spec as {
      scaleTargetRef: { name: string };
      minReplicas: number;
      metrics: { resource: { name: string } }[];
    };
    expect(hpa.scaleTargetRef.name).toBe('ingress');
    expect(hpa.minReplicas).toBe(dir.endsWith('prod') ? 2 : 1);
    expect(hpa.metrics.map((metric) => metric.resource.name)).toEqual(['cpu']);
    for (const name of Object.keys(SERVICES))
      expect(findObject(objects(), 'PodDisruptionBudget', name)).toBeDefined();
  });

  it("keeps the ingress's spool on a PersistentVolumeClaim per pod (a StatefulSet), never an emptyDir", () => {
    const ingress = findObject(objects(), 'StatefulSet', 'ingress') as Workload & {
      spec: { volumeClaimTemplates?: { metadata: { name: string } }[] };
    };
    const container = mainContainer(ingress) as Container & {
      volumeMounts?: { name: string; mountPath: string }[];
    };
    const spoolDir = container.env?.find((entry) => entry.name === 'SPOOL_DIR')?.value;
    const mount = container.volumeMounts?.find((candidate) => candidate.mountPath === spoolDir);
    expect(mount).toBeDefined();
    // The mounted volume is a claim template, not one of the pod's own (emptyDir) volumes.
    expect(ingress.spec.volumeClaimTemplates?.map((claim) => claim.metadata.name)).toContain(mount?.name);
    expect(ingress.spec.template.spec.volumes?.some((volume) => volume.name === mount?.name)).toBe(false);
    expect(configValue(objects(), 'ingress-config', 'SPOOL_SOURCES')).toBe('creditchek');
    expect(mainContainer(ingress).securityContext?.readOnlyRootFilesystem).toBe(true);
  });
});

describe('k8s/overlays/prod: Kafka', () => {
  const prod = () => renderKustomization('k8s/overlays/prod');
  const cluster = () => renderKustomization('k8s/kafka/prod');
  const kafka = () =>
    findObject(cluster(), 'Kafka', KAFKA_CLUSTER).spec as {
      kafka: {
        listeners: { name: string; port: number; tls: boolean; authentication?: { type: string } }[];
        authorization?: { type: string };
        config: Record<string, unknown>;
      };
    };

  it('reaches the cluster over TLS with SCRAM-SHA-512, on its authorizing listener', () => {
    const listener = kafka().kafka.listeners.find(
      (candidate) => candidate.authentication?.type === 'scram-sha-512',
    );
    expect(listener?.tls).toBe(true);
    expect(kafka().kafka.authorization?.type).toBe('simple');
    expect(configValue(prod(), 'ledgerhook-platform', 'KAFKA_BROKERS')).toBe(
      `${KAFKA_CLUSTER}-kafka-bootstrap:${listener?.port}`,
    );
    expect(configValue(prod(), 'ledgerhook-platform', 'KAFKA_SSL')).toBe('true');
    expect(configValue(prod(), 'ledgerhook-platform', 'KAFKA_SASL_MECHANISM')).toBe('scram-sha-512');
    expect(kafka().kafka.config['auto.create.topics.enable']).toBe(false);
  });

  it.each(Object.keys(SERVICES))(
    '%s signs in as its own KafkaUser, with the password Strimzi generates',
    (name) => {
      const workload = deployment(prod(), name);
      const container = mainContainer(workload);
      const user = kafkaUserOf(name);
      expect(envOf(container, 'KAFKA_SASL_USERNAME')?.value).toBe(user);
      expect(envOf(container, 'KAFKA_SASL_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({
        name: user,
        key: 'password',
      });
      expect(findObject(prod(), 'KafkaUser', user).metadata.labels?.['strimzi.io/cluster']).toBe(
        KAFKA_CLUSTER,
      );
      expect(workload.spec.template.spec.volumes).toContainEqual(
        expect.objectContaining({
          secret: expect.objectContaining({ secretName: `${KAFKA_CLUSTER}-cluster-ca-cert` }),
        }),
      );
    },
  );

  it('declares every catalogue topic with prod durability, and room for the largest body the ingress accepts', () => {
    const topics = prod().filter((object) => object.kind === 'KafkaTopic');
    expect(topics.map((topic) => topic.metadata.name).sort()).toEqual(
      TOPIC_CATALOGUE.map((spec) => spec.name).sort(),
    );
    const maxBody = Number(configValue(prod(), 'ingress-config', 'WEBHOOK_MAX_BODY_BYTES'));
    for (const topic of topics) {
      const spec = topic.spec as { replicas: number; config: Record<string, unknown> };
      expect({
        topic: topic.metadata.name,
        replicas: spec.replicas,
        minIsr: spec.config['min.insync.replicas'],
        unclean: spec.config['unclean.leader.election.enable'],
      }).toEqual({
        topic: topic.metadata.name,
        replicas: PROD_DURABILITY.replicas,
        minIsr: PROD_DURABILITY.minInsyncReplicas,
        unclean: false,
      });
      expect(spec.replicas).toBeGreaterThan(spec.config['min.insync.replicas'] as number);
    }
    for (const raw of RAW_TOPIC_SPECS) {
      const config = (findObject(prod(), 'KafkaTopic', raw.name).spec as { config: Record<string, number> })
        .config;
      expect(config['max.message.bytes']).toBeGreaterThanOrEqual(maxBody + RAW_RECORD_OVERHEAD_BYTES);
    }
  });

  it.each(CONSUMERS)('scales %s on its lag with KEDA, never past the partitions it reads', (consumer) => {
    const scaled = findObject(prod(), 'ScaledObject', consumer).spec as {
      scaleTargetRef: { name: string };
      maxReplicaCount: number;
      triggers: { type: string; metadata: Record<string, string>; authenticationRef: { name: string } }[];
    };
    expect(scaled.scaleTargetRef.name).toBe(consumer);
    expect(scaled.triggers.map((trigger) => trigger.metadata['topic']).sort()).toEqual(
      [...CONSUMER_TOPICS[consumer as keyof typeof CONSUMER_TOPICS].reads].sort(),
    );
    for (const trigger of scaled.triggers) {
      expect(trigger.type).toBe('kafka');
      expect(trigger.metadata['consumerGroup']).toBe(consumer);
      expect(trigger.metadata['bootstrapServers']).toBe(
        configValue(prod(), 'ledgerhook-platform', 'KAFKA_BROKERS'),
      );
      const partitions = TOPIC_CATALOGUE.find((spec) => spec.name === trigger.metadata['topic'])
        ?.partitions as number;
      expect(scaled.maxReplicaCount).toBeLessThanOrEqual(partitions);
      const auth = findObject(prod(), 'TriggerAuthentication', trigger.authenticationRef.name).spec as {
        secretTargetRef: { parameter: string; name: string }[];
      };
      expect(auth.secretTargetRef).toContainEqual(
        expect.objectContaining({ parameter: 'password', name: kafkaUserOf(consumer) }),
      );
    }
  });
});
