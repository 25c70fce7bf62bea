#!/usr/bin/env node
// `npm start`: installs what is missing, brings up Kafka and PostgreSQL, builds and starts every app,
// prints their URLs, and on Ctrl-C stops everything it started (apps first, then the broker).
import { spawn } from 'node:child_process';
import { bringUpInfrastructure, log, repoRoot, runOrFail } from './stack.mjs';

/**
 * Every app with the port it gets unless the caller's environment names one, and the port of its
 * /metrics listener (METRICS_PORT: one machine, so one port each).
 */
const APPS = [
  // Stands in for the providers' APIs (started first: the consumers call it).
  { name: 'provider-simulator', port: 3090, portVariable: 'PROVIDER_SIMULATOR_PORT', metricsPort: 9490 },
  { name: 'ingress', port: 3000, portVariable: 'INGRESS_PORT', metricsPort: 9464 },
  { name: 'lifecycle-projector', port: 3001, portVariable: 'LIFECYCLE_PROJECTOR_PORT', metricsPort: 9465 },
  { name: 'report-retriever', port: 3002, portVariable: 'REPORT_RETRIEVER_PORT', metricsPort: 9466 },
  { name: 'income-scorer', port: 3003, portVariable: 'INCOME_SCORER_PORT', metricsPort: 9467 },
  // Last: it reads the others' APIs (LIFECYCLE_API_URL, … default to the ports above).
  { name: 'console', port: 3004, portVariable: 'CONSOLE_PORT', metricsPort: 9468 },
];

const children = new Map();
let stopping = false;

async function waitForHealth(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

function startApp(app, env) {
  const port = Number(process.env[app.portVariable] ?? app.port);
  const child = spawn(process.execPath, ['--enable-source-maps', `dist/apps/${app.name}/src/main.js`], {
    cwd: repoRoot,
    // Loopback only: a development stack is nobody else's to call.
    env: {
      ...process.env,
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      METRICS_PORT: String(app.metricsPort),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.set(app.name, child);
  child.on('exit', (code, signal) => {
    children.delete(app.name);
    if (!stopping) {
      log(`${app.name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
      void shutdown(1);
    }
  });
  return { child, port };
}

let stack;
async function shutdown(exitCode) {
  if (stopping) return;
  stopping = true;
  log('stopping apps…');
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  await stack?.stop();
  log('stopped');
  process.exit(exitCode);
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  stack = await bringUpInfrastructure();
  runOrFail(process.execPath, ['tools/build/build.mjs']);
  const env = { ...stack.env, ...(await import('./dev-credentials.mjs')).devCredentials() };
  const started = APPS.map((app) => ({ app, ...startApp(app, env) }));
  const lines = [];
  for (const { app, child, port } of started) {
    const url = `http://127.0.0.1:${port}`;
    if (!(await waitForHealth(`${url}/healthz`, child))) {
      log(`${app.name} did not answer ${url}/healthz`);
      return shutdown(1);
    }
    lines.push(
      `  ${app.name.padEnd(20)} ${url}  (/healthz /readyz; /metrics on http://127.0.0.1:${app.metricsPort}/metrics)`,
    );
  }
  // The development token of the read APIs (READ_API_TOKENS, all scopes), for curl and the like.
  const devToken = env.READ_API_TOKENS.split(',')[0].split(':')[1];
  lines.push(`  read APIs need: Authorization: Bearer ${devToken}`);
  lines.push(`  console login: ${env.CONSOLE_ADMIN_USER} / ${env.CONSOLE_ADMIN_PASSWORD}`);
  process.stdout.write(
    `\nLedgerhook is up (Kafka ${stack.env.KAFKA_BROKERS}, PostgreSQL from DATABASE_URL or local):\n${lines.join('\n')}\nPress Ctrl-C to stop everything.\n\n`,
  );
}

main().catch((error) => {
  log(error instanceof Error ? error.message : String(error));
  void shutdown(1);
});
