#!/usr/bin/env node
// Runs one benchmark under bench/ against the same stack `npm start` uses (real Kafka, PostgreSQL):
//   node tools/dev/bench.mjs ingress/ingress.bench.ts
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { bringUpInfrastructure, log, repoRoot, runOrFail } from './stack.mjs';

const script = process.argv[2];
if (!script) {
  log('usage: node tools/dev/bench.mjs <bench file under bench/>');
  process.exit(2);
}
const stack = await bringUpInfrastructure();
let status = 1;
try {
  runOrFail(process.execPath, ['tools/build/build.mjs']);
  status =
    spawnSync(process.execPath, ['tools/dev/run-ts.mjs', path.join('bench', script)], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, ...stack.env },
    }).status ?? 1;
} finally {
  await stack.stop();
}
process.exit(status);
