#!/usr/bin/env node
// Compiles the apps (and the libs they import) to CommonJS under dist/, mirroring the source tree:
// dist/apps/<app>/src/main.js. SWC transpiles (with decorator metadata, which Nest's DI needs) and
// rewrites the @ledgerhook/* path aliases to relative paths; type-checking is `npm run typecheck`.
//   node tools/build/build.mjs            every app
//   node tools/build/build.mjs ingress    one app
import { transformFile } from '@swc/core';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { compilerOptions } = require(path.join(repoRoot, 'tsconfig.base.json'));
const outDir = path.join(repoRoot, 'dist');

export const APPS = [
  'ingress',
  'lifecycle-projector',
  'report-retriever',
  'income-scorer',
  'ops-cli',
  'provider-simulator',
  'console',
];

async function sourceFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : sourceFiles(full);
      const isSource = entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts');
      const isTest = /\.(spec|int-spec|e2e-spec|fault-spec)\.ts$/.test(entry.name);
      return isSource && !isTest ? [full] : [];
    }),
  );
  return files.flat();
}

const swcOptions = {
  swcrc: false,
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
    baseUrl: repoRoot,
    paths: compilerOptions.paths,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};

async function compile(file) {
  const output = await transformFile(file, { ...swcOptions, filename: file });
  const target = path.join(outDir, path.relative(repoRoot, file)).replace(/\.ts$/, '.js');
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, `${output.code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
  if (output.map) await writeFile(`${target}.map`, output.map);
}

export async function build(apps = APPS) {
  const unknown = apps.filter((app) => !APPS.includes(app));
  if (unknown.length > 0) throw new Error(`Unknown app(s): ${unknown.join(', ')}; known: ${APPS.join(', ')}`);
  const started = Date.now();
  const roots = [...apps.map((app) => path.join(repoRoot, 'apps', app, 'src')), path.join(repoRoot, 'libs')];
  await rm(path.join(outDir, 'libs'), { recursive: true, force: true });
  for (const app of apps) await rm(path.join(outDir, 'apps', app), { recursive: true, force: true });
  const files = (await Promise.all(roots.map(sourceFiles)))
    .flat()
    .filter((file) => file.includes(`${path.sep}src${path.sep}`));
  await Promise.all(files.map(compile));
  process.stderr.write(
    `[build] ${files.length} files → dist/ in ${Date.now() - started} ms (${apps.join(', ')})\n`,
  );
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const apps = process.argv.slice(2);
  build(apps.length > 0 ? apps : APPS).catch((error) => {
    process.stderr.write(`[build] ${error.stack ?? error}\n`);
    process.exit(1);
  });
}
