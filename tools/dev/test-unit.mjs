#!/usr/bin/env node
// `npm run test:unit`: every *.spec.ts (not the int, e2e or fault specs), no broker, no database. Kafka and PostgreSQL are pointed at
// closed ports so a unit spec that reaches for either fails at once instead of passing by luck.
import { spawn } from 'node:child_process';
import { repoRoot } from './stack.mjs';

const child = spawn(
  process.execPath,
  [
    'node_modules/jest/bin/jest.js',
    '--ci',
    '--testPathIgnorePatterns',
    '\\.(int|e2e|fault)-spec\\.ts$',
    '/node_modules/',
    '/dist/',
    ...process.argv.slice(2),
  ],
  {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, KAFKA_BROKERS: '127.0.0.1:1', DATABASE_URL: 'postgres://unit@127.0.0.1:1/none' },
  },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
