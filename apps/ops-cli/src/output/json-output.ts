import type { CliIo } from '../cli/cli-io';

/** `--json`: one JSON document on stdout, pretty-printed. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
