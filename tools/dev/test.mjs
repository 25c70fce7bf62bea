#!/usr/bin/env node
// `npm test`: installs what is missing, brings up a real Kafka broker and PostgreSQL, runs every unit
// and integration test (Jest) and stops the broker it started. Extra arguments go to Jest:
//   npm test -- libs/kafka          one project
//   npm test -- --testPathPatterns int-spec
import { spawn } from 'node:child_process';
import { bringUpInfrastructure, log, repoRoot } from './stack.mjs';

async function main() {
  const stack = await bringUpInfrastructure({ allowContainers: true });
  let child;
  const forward = (signal) => child?.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise((resolve) => {
    child = spawn(process.execPath, ['node_modules/jest/bin/jest.js', '--ci', ...process.argv.slice(2)], {
      cwd: repoRoot,
      stdio: 'inherit',
      // No CreditChek API here: the income-scorer's reconciler is off unless a test turns it on.
      env: { CREDITCHEK_RECONCILE: 'false', ...process.env, ...stack.env },
    });
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  await stack.stop();
  process.exit(code);
}

main().catch((error) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
