/** Where the CLI reads its environment and writes: the process's in main.ts, captured ones in tests. */
export interface CliIo {
  /** Results (tables, or JSON with --json). */
  stdout: NodeJS.WritableStream;
  /** Errors, progress bars (only when a terminal), Kafka client logs. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}
