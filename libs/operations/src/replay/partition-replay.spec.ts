import fc from 'fast-check';
import { type PartitionOffsets, planPartitionReplay } from './partition-replay';

// A partition: earliest <= end, committed anywhere from 0 to end (or none); a start anywhere around
// it (before the earliest, past the end), a window end anywhere too.
const partitionArb = fc
  .tuple(fc.bigInt(0n, 1_000n), fc.bigInt(0n, 1_000n), fc.option(fc.bigInt(0n, 1_000n), { nil: null }))
  .map(([a, b, c]): PartitionOffsets => {
    const low = a < b ? a : b;
    const end = a < b ? b : a;
    return { partition: 0, low, end, committed: c === null ? null : c > end ? end : c };
  });
const offsetArb = fc.option(fc.bigInt(0n, 1_200n), { nil: null });

describe('planPartitionReplay', () => {
  it('only ever moves the committed offset backwards, within what the partition retains', () => {
    fc.assert(
      fc.property(partitionArb, offsetArb, offsetArb, (offsets, start, windowEnd) => {
        const plan = planPartitionReplay(offsets, start, windowEnd);
        if (plan.action === 'unchanged') {
          expect(plan.target).toBe(offsets.committed?.toString() ?? null);
          expect(plan.reRead).toBe('0');
          expect(plan.reason).not.toBe('');
          return;
        }
        const target = BigInt(plan.target as string);
        const committed = offsets.committed as bigint;
        expect(target).toBeLessThan(committed);
        expect(target).toBeGreaterThanOrEqual(offsets.low);
        expect(BigInt(plan.reRead)).toBe(committed - target);
        const inWindow = BigInt(plan.inWindow);
        expect(inWindow).toBeGreaterThan(0n);
        expect(inWindow).toBeLessThanOrEqual(BigInt(plan.reRead));
      }),
    );
  });

  it('moves to the start whenever the group has read past it and the window has records', () => {
    fc.assert(
      fc.property(partitionArb, fc.bigInt(0n, 1_200n), (offsets, start) => {
        fc.pre(offsets.committed !== null && start >= offsets.low && start < offsets.committed);
        const plan = planPartitionReplay(offsets, start, null);
        expect(plan).toMatchObject({ action: 'move', target: start.toString() });
        expect(plan.inWindow).toBe(plan.reRead);
      }),
    );
  });

  it('re-reads at least as much from an earlier start', () => {
    fc.assert(
      fc.property(partitionArb, fc.bigInt(0n, 1_200n), fc.bigInt(0n, 1_200n), (offsets, a, b) => {
        const [early, late] = a < b ? [a, b] : [b, a];
        const fromEarly = BigInt(planPartitionReplay(offsets, early, null).reRead);
        const fromLate = BigInt(planPartitionReplay(offsets, late, null).reRead);
        expect(fromEarly).toBeGreaterThanOrEqual(fromLate);
      }),
    );
  });

  it('says why a partition stays', () => {
    const at = (committed: bigint | null): PartitionOffsets => ({
      partition: 3,
      low: 10n,
      end: 100n,
      committed,
    });
    expect(planPartitionReplay(at(50n), null, null).reason).toBe('not named in --from-offset');
    expect(planPartitionReplay(at(null), 20n, null).reason).toMatch(/no committed offset/);
    expect(planPartitionReplay(at(50n), 60n, null).reason).toMatch(/not read past the start/);
    // A start below the earliest retained record re-reads from the earliest.
    expect(planPartitionReplay(at(50n), 0n, null)).toMatchObject({ target: '10', reRead: '40' });
    // Window [20, 20) is empty; [20, 30) holds 10 of the 30 records re-read.
    expect(planPartitionReplay(at(50n), 20n, 20n).reason).toBe('no records in the window');
    expect(planPartitionReplay(at(50n), 20n, 30n)).toMatchObject({ reRead: '30', inWindow: '10' });
  });
});
