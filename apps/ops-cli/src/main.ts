import { runCli } from './cli/run-cli';

// The exit code is set, not forced: stdout is flushed before the process ends.
void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
);
