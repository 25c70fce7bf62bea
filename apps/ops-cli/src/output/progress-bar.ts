import { Presets, SingleBar } from 'cli-progress';
import type { ProgressListener } from '@ledgerhook/operations';
import type { CliIo } from '../cli/cli-io';

export interface ProgressBar {
  listener: ProgressListener;
  stop(): void;
}

/**
 * A progress bar on stderr while a long operation runs; nothing when stderr is not a terminal or the
 * output is JSON (scripts read stdout and must not get escape sequences).
 */
export function progressBar(io: CliIo, label: string, enabled: boolean): ProgressBar {
  if (!enabled || !io.stderr.isTTY) return { listener: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    {
      stream: io.stderr,
      format: `${label} [{bar}] {value}/{total}`,
      clearOnComplete: true,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    listener: (done, total) => {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
