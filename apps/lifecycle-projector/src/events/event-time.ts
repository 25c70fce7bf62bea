// Times as the projection stores and compares them. Provider timestamps carry microseconds
// ("2020-01-21T12:52:23.480539+11:00") that a JS Date would drop, so they are handled as integer
// microseconds and written as fixed-width UTC text, which sorts the same way as the instants.

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:?\d{2})?$/;

// 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999Z: the instants whose fixed-width text PostgreSQL
// accepts (it has no year 0) and that sort as text.
export const MIN_MICROS = -62_135_596_800_000_000n;
export const MAX_MICROS = 253_402_300_799_999_999n;

/**
 * Microseconds since the epoch, or undefined for anything that is not an RFC 3339 timestamp between
 * the years 1 and 9999 (UTC).
 */
export function epochMicros(text: string | null | undefined): bigint | undefined {
  if (typeof text !== 'string') return undefined;
  const match = RFC3339.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  // Not Date.UTC, which reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(+year, +month - 1, +day);
  date.setUTCHours(+hour, +minute, +second, 0);
  const wholeMs = date.getTime();
  if (Number.isNaN(wholeMs)) return undefined;
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.replace(':', '');
    offsetMinutes = (digits.startsWith('-') ? -1 : 1) * (+digits.slice(1, 3) * 60 + +digits.slice(3, 5));
  }
  const micros = BigInt(fraction.padEnd(6, '0').slice(0, 6));
  const total = (BigInt(wholeMs) - BigInt(offsetMinutes) * 60_000n) * 1000n + micros;
  return total < MIN_MICROS || total > MAX_MICROS ? undefined : total;
}

/** `YYYY-MM-DDTHH:MM:SS.ffffffZ`: what the projection writes into timestamptz columns. */
export function microsToIso(micros: bigint): string {
  // Floor division: before 1970 the sub-millisecond rest must stay positive.
  const rest = ((micros % 1000n) + 1000n) % 1000n;
  const ms = (micros - rest) / 1000n;
  return `${new Date(Number(ms)).toISOString().slice(0, -1)}${rest.toString().padStart(3, '0')}Z`;
}

// Provider timestamps repeat a lot within a batch (every event of an application carries its
// crawlers' timestamps): a bounded memo saves most of the parsing.
const CANONICAL = new Map<string, string | undefined>();
const CANONICAL_LIMIT = 50_000;

/** The canonical UTC form of a timestamp, or undefined when it cannot be read. */
export function canonicalTime(text: string | null | undefined): string | undefined {
  if (typeof text !== 'string') return undefined;
  if (CANONICAL.has(text)) return CANONICAL.get(text);
  const micros = epochMicros(text);
  const canonical = micros === undefined ? undefined : microsToIso(micros);
  if (CANONICAL.size >= CANONICAL_LIMIT) CANONICAL.clear();
  CANONICAL.set(text, canonical);
  return canonical;
}

/**
 * Total order of facts: provider time (ce_time when the provider gives none), then ce_time, then ce_id.
 * Newest-wins merges compare these keys, so the result does not depend on the order events are
 * applied in, and two facts never tie unless they come from the same event.
 */
export function orderKey(providerTime: string, receivedAt: string, ceId: string): string {
  return `${providerTime}|${receivedAt}|${ceId}`;
}
