import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

// Test support: renders a kustomization the way `kubectl apply -k` does and validates the objects
// offline (validate-manifests.mjs). Nothing here is skipped when a tool is missing: the test fails
// and says what to install.

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Every kustomization someone applies (docs/deploy.md applies each of them). */
export const KUSTOMIZATIONS = [
  'k8s/kafka/dev',
  'k8s/overlays/dev',
  'k8s/kafka/prod',
  'k8s/overlays/prod',
  'k8s/monitoring',
] as const;

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  [field: string]: unknown;
}

function run(command: string, args: string[], input?: string): string {
  try {
    return execFileSync(command, args, {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      input,
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new Error(
        `${command} is not installed: the Kubernetes manifests are rendered with \`kubectl kustomize\`. Install it (Debian: apt-get install -y kubectl; .ci/run does this in CI) and run the tests again`,
      );
    }
    throw new Error(`${command} ${args.join(' ')} failed: ${failure.stderr || failure.message}`);
  }
}

const rendered = new Map<string, K8sObject[]>();

/** `kubectl kustomize <dir>` as objects (cached: each kustomization renders once per test file). */
export function renderKustomization(dir: string): K8sObject[] {
  let objects = rendered.get(dir);
  if (!objects) {
    const documents = parseAllDocuments(run('kubectl', ['kustomize', dir]));
    objects = documents.map((document) => document.toJS() as K8sObject).filter((object) => object !== null);
    rendered.set(dir, objects);
  }
  return objects;
}

export interface SchemaProblem {
  index: number;
  kind: string;
  name?: string;
  errors: string[];
}

/** Schema problems of the objects (none: an empty list). */
export function schemaProblems(objects: readonly unknown[]): SchemaProblem[] {
  const output = run(
    process.execPath,
    [path.join(__dirname, 'validate-manifests.mjs')],
    JSON.stringify(objects),
  );
  return JSON.parse(output) as SchemaProblem[];
}

export function findObject(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const object = objects.find((candidate) => candidate.kind === kind && candidate.metadata.name === name);
  if (!object) throw new Error(`no ${kind} ${name} in the rendered objects`);
  return object;
}

export function configValue(objects: readonly K8sObject[], configMap: string, key: string): string {
  const value = findObject(objects, 'ConfigMap', configMap).data?.[key];
  if (value === undefined) throw new Error(`ConfigMap ${configMap} has no ${key}`);
  return value;
}
