import { spawn } from 'node:child_process';
import path from 'node:path';
import type { RebuildableProjection, ShadowStarter } from '@ledgerhook/operations';

/**
 * Starts the projection's own service, from the same checkout or image as this CLI (its TypeScript
 * source with @swc-node/register, or `dist/apps/<service>/src/main.js`), building into the shadow:
 * the CLI's environment (the service's own variables: DATABASE_URL, KAFKA_*, secrets) plus the
 * shadow's schema and group and `PORT`. Resolves once it answers /healthz; stop() ends it with SIGTERM
 * (it finishes its chunk and commits first).
 */
export function shadowProcess(
  projection: RebuildableProjection,
  env: Record<string, string | undefined>,
  port: number,
): ShadowStarter {
  return async (shadow) => {
    const extension = path.extname(__filename);
    const entry = path.resolve(__dirname, '../../..', projection.name, 'src', `main${extension}`);
    const repoRoot = path.resolve(__dirname, '../../../..');
    const args = extension === '.ts' ? ['-r', '@swc-node/register', entry] : [entry];
    const child = spawn(process.execPath, args, {
      env: {
        ...env,
        SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.json'),
        PORT: String(port),
        [projection.env.schema]: shadow.schema,
        [projection.env.group]: shadow.groupId,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let exitCode: number | null | undefined;
    void exited.then((code) => (exitCode = code));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (exitCode !== undefined)
        throw new Error(
          `the shadow ${projection.name} exited with ${exitCode} before it was up: ${stderr.trim()}`,
        );
      const healthy = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((response) => response.ok)
        .catch(() => false);
      if (healthy) break;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the shadow ${projection.name} did not answer on port ${port} within 120 s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return {
      stop: async () => {
        if (exitCode === undefined) child.kill('SIGTERM');
        await exited;
      },
    };
  };
}
