import { Writable } from 'node:stream';
import { runCli } from '../cli/run-cli';

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json<T = Record<string, unknown>>(): T;
}

function capture(chunks: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
}

/** Runs the CLI in this process, as main.ts does, with stdout and stderr captured. */
export async function runCaptured(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): Promise<CapturedRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { stdout: capture(out), stderr: capture(err), env });
  const stdout = out.join('');
  return { code, stdout, stderr: err.join(''), json: <T>() => JSON.parse(stdout) as T };
}
