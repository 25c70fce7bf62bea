#!/usr/bin/env node
// Runs a TypeScript entry point in place (scripts, benchmarks) with the workspace's path aliases.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [script, ...args] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: node tools/dev/run-ts.mjs <file.ts> [args…]\n');
  process.exit(2);
}
const result = spawnSync(process.execPath, ['-r', '@swc-node/register', script, ...args], {
  stdio: 'inherit',
  cwd: process.cwd(),
  env: {
    ...process.env,
    TS_NODE_PROJECT: path.join(repoRoot, 'tsconfig.json'),
    SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.json'),
  },
});
process.exit(result.status ?? 1);
