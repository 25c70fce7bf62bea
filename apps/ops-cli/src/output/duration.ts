const UNITS: ReadonlyArray<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
];

/** A retention in milliseconds as people read it: -1 "unlimited", 2592000000 "30d". */
export function formatRetention(ms: number | null): string {
  if (ms === null) return '?';
  if (ms < 0) return 'unlimited';
  for (const [unit, size] of UNITS) if (ms > 0 && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}
