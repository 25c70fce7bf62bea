// Bridge's envelope `timestamp` is Unix milliseconds in most examples but seconds in TEST_EVENT
// (1611681789). Anything below 1e11 is read as seconds: 1e11 ms is March 1973, 1e11 s is year 5138,
// so the two ranges cannot be confused for any real event.
const SECONDS_THRESHOLD = 1e11;

export function bridgeTimestampToDate(timestamp: number): Date {
  if (!Number.isFinite(timestamp) || timestamp < 0) throw new Error(`invalid Bridge timestamp ${timestamp}`);
  return new Date(timestamp < SECONDS_THRESHOLD ? timestamp * 1000 : timestamp);
}

/** RFC 3339 (UTC) form of a Bridge timestamp. */
export function bridgeTimestampToIso(timestamp: number): string {
  return bridgeTimestampToDate(timestamp).toISOString();
}
