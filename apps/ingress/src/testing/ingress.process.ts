import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '@ledgerhook/platform/testing';
import { TEST_CREDENTIALS } from './ingress-harness';

// Test-only: the ingress as a process of its own (from its TypeScript sources), so that a test can
// kill -9 it, or stop the broker, without blocking the process that sends the load.
const ROOT = path.resolve(__dirname, '../../../..');

export interface IngressProcess {
  url: string;
  /** Where it serves /metrics (METRICS_PORT, a free port of its own). */
  metricsUrl: string;
  /** Everything it logged so far (JSON lines). */
  output(): string;
  /** The spool's figures on /readyz. */
  spool(): Promise<{ records: number; bytes: number; setAside: number }>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export async function startIngressProcess(env: Record<string, string>): Promise<IngressProcess> {
  const port = await freePort();
  const metricsPort = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join(ROOT, 'apps/ingress/src/main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...TEST_CREDENTIALS,
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'info',
        SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the ingress exited with ${child.exitCode}:\n${output}`);
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the ingress did not start within 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    output: () => output,
    async spool() {
      const body = (await (await fetch(`${url}/readyz`)).json()) as {
        details: { spool: { records: number; bytes: number; setAside: number } };
      };
      return body.details.spool;
    },
    kill(signal) {
      child.kill(signal);
      return exited;
    },
  };
}
