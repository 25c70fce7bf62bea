import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '@ledgerhook/platform/testing';

// Test-only: the provider simulator as its own process (an app is never imported by another app),
// run from its TypeScript sources with the workspace's path aliases.
const ROOT = path.resolve(__dirname, '../../../..');

export interface SimulatorProcess {
  url: string;
  faults(faults: Record<string, unknown> | undefined): Promise<void>;
  hits(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export async function startProviderSimulator(token: {
  id: string;
  secret: string;
}): Promise<SimulatorProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join(ROOT, 'apps/provider-simulator/src/main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        SIMULATOR_CREDFIN_TOKEN_ID: token.id,
        SIMULATOR_CREDFIN_TOKEN_SECRET: token.secret,
        SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the provider simulator exited with ${child.exitCode}`);
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error('the provider simulator did not start within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async faults(faults) {
      await fetch(`${url}/admin/faults`, {
        method: faults ? 'POST' : 'DELETE',
        headers: { 'content-type': 'application/json' },
        ...(faults ? { body: JSON.stringify(faults) } : {}),
      });
    },
    async hits() {
      return (await (await fetch(`${url}/admin/hits`)).json()) as Record<string, number>;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
