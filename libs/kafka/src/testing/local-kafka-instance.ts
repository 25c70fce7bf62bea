import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';

// Test and benchmark only: a broker of their own on another port (tools/kafka/kafka.mjs), which they
// may stop, wipe and restart without disturbing the suites that share the default one.
const repoRoot = path.resolve(__dirname, '../../../..');

export class LocalKafkaInstance {
  constructor(readonly port: number) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  start(): void {
    this.run('start');
  }

  stop(): void {
    this.run('stop');
  }

  /**
   * start/stop without blocking the event loop: for tests that serve or load the ingress from the
   * same process while the broker goes down or comes back.
   */
  async startInBackground(): Promise<void> {
    await this.runInBackground('start');
  }

  async stopInBackground(): Promise<void> {
    await this.runInBackground('stop');
  }

  /** Stops it and deletes its topics and offsets. */
  reset(): void {
    this.run('reset');
  }

  private async runInBackground(command: 'start' | 'stop'): Promise<void> {
    try {
      await promisify(execFile)(process.execPath, ['tools/kafka/kafka.mjs', command], {
        cwd: repoRoot,
        env: this.env(),
      });
    } catch (error) {
      throw new Error(
        `kafka ${command} on port ${this.port} failed: ${(error as { stderr?: string }).stderr}`,
      );
    }
  }

  private env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, LOCAL_KAFKA_PORT: String(this.port) };
    // kafka.mjs starts nothing when KAFKA_BROKERS is set.
    delete env['KAFKA_BROKERS'];
    return env;
  }

  private run(command: 'start' | 'stop' | 'reset'): void {
    const result = spawnSync(process.execPath, ['tools/kafka/kafka.mjs', command], {
      cwd: repoRoot,
      env: this.env(),
      encoding: 'utf8',
    });
    if (result.status !== 0)
      throw new Error(`kafka ${command} on port ${this.port} failed: ${result.stderr}`);
  }
}
