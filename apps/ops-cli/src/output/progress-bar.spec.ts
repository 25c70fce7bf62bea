import { Writable } from 'node:stream';
import type { CliIo } from '../cli/cli-io';
import { progressBar } from './progress-bar';

function ioWith(isTTY: boolean): { io: CliIo; written: () => string } {
  const chunks: string[] = [];
  const stderr = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
    { isTTY },
  );
  return { io: { stdout: new Writable(), stderr, env: {} }, written: () => chunks.join('') };
}

describe('progressBar', () => {
  it('draws on a terminal as the operation advances', () => {
    const { io, written } = ioWith(true);
    const bar = progressBar(io, 'topics', true);
    bar.listener(0, 4);
    bar.listener(2, 4);
    bar.listener(4, 5);
    bar.stop();
    expect(written()).toContain('topics [');
    expect(written()).toContain('0/4');
    expect(written()).toContain('4/5');
  });

  it('writes nothing when stderr is not a terminal, or for --json', () => {
    for (const [isTTY, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const { io, written } = ioWith(isTTY);
      const bar = progressBar(io, 'groups', enabled);
      bar.listener(0, 2);
      bar.listener(2, 2);
      bar.stop();
      expect(written()).toBe('');
    }
  });
});
