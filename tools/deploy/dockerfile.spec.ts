import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// No Docker engine runs here: the Dockerfile is checked for the rules the deployment relies on
// (k8s/base runs it read-only, non-root, with its own entrypoint per app).
const root = path.resolve(__dirname, '..', '..');
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
const instructions = dockerfile
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
const stages = instructions.reduce<{ keyword: string; args: string }[][]>((all, instruction) => {
  if (instruction.keyword === 'FROM') all.push([]);
  all[all.length - 1]?.push(instruction);
  return all;
}, []);
const finalStage = stages[stages.length - 1] ?? [];
const last = (keyword: string) => finalStage.filter((i) => i.keyword === keyword).pop()?.args;

describe('Dockerfile', () => {
  it('builds in one stage and runs from another, with production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stages[0] ?? [];
    expect(build.some((i) => i.keyword === 'RUN' && /npm prune --omit=dev/.test(i.args))).toBe(true);
    const copies = finalStage.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies.every((args) => args.startsWith('--from=build'))).toBe(true);
    expect(finalStage.some((i) => i.keyword === 'RUN' && /npm (install|ci)/.test(i.args))).toBe(false);
  });

  it('pins its base images to a version, never latest', () => {
    for (const stage of stages) {
      const image = stage[0]?.args.split(/\s+/)[0] ?? '';
      expect(image).toMatch(/^[^:]+:[^:]+$/);
      expect(image).not.toMatch(/:latest$/);
    }
  });

  it('runs as a numeric non-root user, under tini, with exec-form entrypoint', () => {
    const user = last('USER') ?? '';
    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
    expect(JSON.parse(last('ENTRYPOINT') ?? 'null')).toEqual(['/usr/bin/tini', '--']);
    expect(finalStage.some((i) => i.keyword === 'RUN' && /apt-get install .*\btini\b/.test(i.args))).toBe(
      true,
    );
  });

  it('carries the OCI labels SBOM and scanning tools read', () => {
    const labels = finalStage
      .filter((i) => i.keyword === 'LABEL')
      .map((i) => i.args)
      .join(' ');
    for (const key of ['title', 'source', 'version', 'revision', 'created', 'licenses', 'base.name']) {
      expect(labels).toContain(`org.opencontainers.image.${key}=`);
    }
  });

  it('starts what docker-compose.yml asks for: each APP is a built app', () => {
    const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { build?: { args?: { APP?: string } } }>;
    };
    const apps = Object.values(compose.services)
      .map((service) => service.build?.args?.APP)
      .filter((app): app is string => app !== undefined);
    // The four services and the provider simulator standing in for the providers' APIs.
    expect(apps.sort()).toEqual(
      ['ingress', 'lifecycle-projector', 'report-retriever', 'income-scorer', 'provider-simulator'].sort(),
    );
    const cmd = JSON.parse(last('CMD') ?? 'null') as string[];
    expect(cmd.join(' ')).toContain('exec node --enable-source-maps dist/apps/${APP}/src/main.js');
    const buildScript = readFileSync(path.join(root, 'tools/build/build.mjs'), 'utf8');
    for (const app of apps) expect(buildScript).toContain(`'${app}'`);
  });
});
