// The rule of a replay, per partition, apart from any I/O: a replay only ever moves a group's
// committed offset backwards, so it re-reads records and never skips one.

export interface PartitionOffsets {
  partition: number;
  /** Earliest offset still retained. */
  low: bigint;
  /** End offset (the next record's offset). */
  end: bigint;
  /** The group's committed offset; null if it never committed one here. */
  committed: bigint | null;
}

export interface PartitionReplay {
  partition: number;
  low: string;
  end: string;
  committed: string | null;
  /** Where the group will read from after the replay: the start when moved, else its committed offset. */
  target: string | null;
  action: 'move' | 'unchanged';
  /** Why the partition is left alone (empty when it moves). */
  reason: string;
  /** Records the group will read again: committed - target. */
  reRead: string;
  /** Of those, records inside the requested window [start, --to-time). */
  inWindow: string;
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/**
 * @param start first offset to re-read (null: the partition is not part of the request)
 * @param windowEnd offset of the first record at or after --to-time (null: no --to-time)
 */
export function planPartitionReplay(
  offsets: PartitionOffsets,
  start: bigint | null,
  windowEnd: bigint | null,
): PartitionReplay {
  const { partition, low, end, committed } = offsets;
  const unchanged = (reason: string): PartitionReplay => ({
    partition,
    low: low.toString(),
    end: end.toString(),
    committed: committed?.toString() ?? null,
    target: committed?.toString() ?? null,
    action: 'unchanged',
    reason,
    reRead: '0',
    inWindow: '0',
  });
  if (start === null) return unchanged('not named in --from-offset');
  if (committed === null) return unchanged('the group has no committed offset here (never read it)');
  // Records below the earliest offset are gone (retention); there is nothing past the end.
  const target = min(max(start, low), end);
  if (target >= committed) return unchanged('the group has not read past the start yet');
  if (windowEnd !== null && windowEnd <= target) return unchanged('no records in the window');
  const reRead = committed - target;
  const inWindow = (windowEnd === null ? committed : min(windowEnd, committed)) - target;
  return {
    partition,
    low: low.toString(),
    end: end.toString(),
    committed: committed.toString(),
    target: target.toString(),
    action: 'move',
    reason: '',
    reRead: reRead.toString(),
    inWindow: inWindow.toString(),
  };
}
