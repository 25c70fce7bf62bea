import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

// One app as production runs it: its built entry point (dist/, as `npm start` and the image run it)
// in a process of its own, configured by environment only.
export const ROOT = path.resolve(__dirname, '../..');

/** What an app said last, shown when it fails to start or exits: nothing else is printed. */
class OutputTail {
  private text = '';
  add(chunk: Buffer): void {
    this.text = (this.text + chunk.toString()).slice(-4_000);
  }
  toString(): string {
    return this.text;
  }
}

export class AppProcess {
  private child?: ChildProcess;
  private readonly output = new OutputTail();

  constructor(
    readonly name: string,
    readonly port: number,
    /** Its /metrics listener (METRICS_PORT). */
    readonly metricsPort: number,
    private env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get metricsUrl(): string {
    return `http://127.0.0.1:${this.metricsPort}/metrics`;
  }

  /** Starts it (with `env` merged over its environment) and waits until /healthz answers 200. */
  async start(env: Record<string, string> = {}): Promise<void> {
    this.env = { ...this.env, ...env };
    const child = spawn(process.execPath, ['--enable-source-maps', `dist/apps/${this.name}/src/main.js`], {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        ...this.env,
        PORT: String(this.port),
        METRICS_PORT: String(this.metricsPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.output.add(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.output.add(chunk));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${this.name} exited with ${child.exitCode} while starting:\n${this.output}`);
      const healthy = await fetch(`${this.url}/healthz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (healthy) return;
      if (Date.now() > deadline)
        throw new Error(`${this.name} did not answer /healthz in 60 s:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** SIGTERM, as Kubernetes stops a pod; SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 20_000): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }

  get lastOutput(): string {
    return this.output.toString();
  }
}
