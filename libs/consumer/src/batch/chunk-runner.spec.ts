import fc from 'fast-check';
import { DependencyUnavailableError, RejectedEventError } from '../failures/consumer-errors';
import { ChunkRunner, type ChunkRunnerPolicy } from './chunk-runner';

const policy: ChunkRunnerPolicy = {
  maxAttempts: 3,
  systematicThreshold: 3,
  retry: { initialMs: 1, maxMs: 4 },
};

/** A ChunkRunner over numbers whose `apply` fails as `fails` says; records what happened. */
function harness(fails: (events: readonly number[], attempt: number) => unknown, options = policy) {
  const applied: number[] = [];
  const waits: string[] = [];
  let attempt = 0;
  let keepGoing = true;
  const runner = new ChunkRunner<number>(
    {
      async apply(events) {
        const error = fails(events, attempt++);
        if (error) throw error;
        applied.push(...events);
      },
      async wait(_ms, reason) {
        waits.push(reason);
        return keepGoing;
      },
      recovered: () => undefined,
    },
    options,
  );
  return { runner, applied, waits, stop: () => (keepGoing = false) };
}

const sqlError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('ChunkRunner', () => {
  it('applies a healthy chunk in one transaction', async () => {
    const { runner, applied, waits } = harness(() => undefined);
    expect(await runner.run([1, 2, 3])).toEqual({ completed: true, poison: [] });
    expect(applied).toEqual([1, 2, 3]);
    expect(waits).toEqual([]);
  });

  it('isolates one bad event: the others are applied, it alone is poison after maxAttempts', async () => {
    let badAttempts = 0;
    const { runner, applied } = harness((events) => {
      if (!events.includes(2)) return undefined;
      if (events.length === 1) badAttempts++;
      return new TypeError('cannot read property of undefined');
    });
    const result = await runner.run([1, 2, 3]);
    expect(applied).toEqual([1, 3]);
    expect(result.completed && result.poison.map((p) => p.event)).toEqual([2]);
    expect(badAttempts).toBe(policy.maxAttempts);
  });

  it('dead-letters a rejected event at once, without retrying it', async () => {
    let attempts = 0;
    const { runner, applied } = harness((events) => {
      if (events.length === 1 && events[0] === 5) attempts++;
      return events.includes(5) ? new RejectedEventError('refused: 422') : undefined;
    });
    const result = await runner.run([4, 5]);
    expect(applied).toEqual([4]);
    expect(result.completed && result.poison.map((p) => p.event)).toEqual([5]);
    expect(attempts).toBe(1);
  });

  it('retries an outage on the same events until it passes, dead-lettering nothing', async () => {
    const { runner, applied, waits } = harness((_events, attempt) =>
      attempt < 4 ? sqlError('57P01', 'terminating connection due to administrator command') : undefined,
    );
    expect(await runner.run([1, 2])).toEqual({ completed: true, poison: [] });
    expect(applied).toEqual([1, 2]);
    expect(waits).toHaveLength(4);
    expect(waits[0]).toContain('waiting for a dependency');
  });

  it('treats DependencyUnavailableError as an outage', async () => {
    const { runner, waits } = harness((_events, attempt) =>
      attempt === 0 ? new DependencyUnavailableError('credfin-api', 'circuit open') : undefined,
    );
    expect(await runner.run([1])).toEqual({ completed: true, poison: [] });
    expect(waits[0]).toContain('circuit open');
  });

  it('pauses on a systematic fault (every event failing the same way) and dead-letters nothing', async () => {
    // The table comes back while the consumer is paused (after its first 'paused' wait).
    let waits: string[] = [];
    const paused = () => waits.some((w) => w.startsWith('paused'));
    const h = harness(() =>
      paused() ? undefined : sqlError('42P01', 'relation "lifecycle.credfin_crawler" does not exist'),
    );
    waits = h.waits;
    const { runner, applied } = h;
    const result = await runner.run([1, 2, 3, 4, 5]);
    expect(result).toEqual({ completed: true, poison: [] });
    expect(applied).toEqual([1, 2, 3, 4, 5]);
    expect(waits.find((w) => w.startsWith('paused'))).toContain('does not exist');
  });

  it('stops without completing when told to stop while waiting', async () => {
    const { runner, stop } = harness(() => sqlError('08006', 'connection failure'));
    stop();
    expect(await runner.run([1])).toEqual({ completed: false });
  });

  it('never loses or invents an event: applied and poison partition the chunk (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 2 }),
        async (events, bad) => {
          const { runner, applied } = harness(
            (chunk) => (chunk.some((e) => bad.includes(e)) ? new Error('bad event') : undefined),
            { ...policy, systematicThreshold: 100 },
          );
          const result = await runner.run(events);
          if (!result.completed) return false;
          const poison = result.poison.map((p) => p.event);
          return (
            [...applied, ...poison].sort((a, b) => a - b).join() ===
              [...events].sort((a, b) => a - b).join() &&
            poison.every((e) => bad.includes(e)) &&
            applied.every((e) => !bad.includes(e))
          );
        },
      ),
    );
  });
});
