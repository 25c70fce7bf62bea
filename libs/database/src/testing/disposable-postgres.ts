import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Test-only: a PostgreSQL server of a test's own (initdb into a temp dir, its own port), so a test
// can stop and restart "the database" without disturbing the suites that share the machine's server.

function binDir(): string {
  const fromEnv = process.env['PG_BIN_DIR'];
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions
    .map((v) => path.join(root, v, 'bin'))
    .find((dir) => existsSync(path.join(dir, 'initdb')));
  if (!found) throw new Error('initdb not found: install the PostgreSQL server binaries or set PG_BIN_DIR');
  return found;
}

export class DisposablePostgres {
  private readonly dir: string;
  private readonly bin = binDir();
  // PostgreSQL refuses to run as root: run its binaries as the postgres user then.
  private readonly asRoot = process.getuid?.() === 0;

  constructor(readonly port: number) {
    this.dir = mkdtempSync(path.join(tmpdir(), 'ledgerhook-pg-'));
    if (this.asRoot) {
      const { uid, gid } = this.postgresUser();
      chownSync(this.dir, uid, gid);
    }
    this.run('initdb', [
      '-D',
      path.join(this.dir, 'data'),
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    const log = path.join(this.dir, 'server.log');
    try {
      this.run('pg_ctl', ['-D', path.join(this.dir, 'data'), '-o', options, '-l', log, '-w', 'start']);
    } catch (error) {
      // pg_ctl only says "could not start server": the server's own log says why.
      const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-1_500) : '(no server log)';
      throw new Error(`${(error as Error).message}\nserver log (port ${this.port}):\n${tail}`);
    }
  }

  /** Fast shutdown: open connections are terminated, as when a database server goes down. */
  stop(): void {
    this.run('pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
  }

  destroy(): void {
    spawnSync(
      this.command('pg_ctl')[0] as string,
      [...this.command('pg_ctl').slice(1), '-D', path.join(this.dir, 'data'), '-m', 'immediate', 'stop'],
      { stdio: 'ignore' },
    );
    rmSync(this.dir, { recursive: true, force: true });
  }

  private postgresUser(): { uid: number; gid: number } {
    const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (result.status !== 0)
      throw new Error('running as root needs a "postgres" system user to run PostgreSQL');
    return { uid: Number(result.stdout.trim()), gid: Number(group.stdout.trim()) };
  }

  private command(tool: string): string[] {
    const binary = path.join(this.bin, tool);
    return this.asRoot ? ['runuser', '-u', 'postgres', '--', binary] : [binary];
  }

  private run(tool: string, args: string[]): void {
    const [command, ...prefix] = this.command(tool);
    const result = spawnSync(command as string, [...prefix, ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
  }
}
