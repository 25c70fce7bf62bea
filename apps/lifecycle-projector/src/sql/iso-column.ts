/** PostgreSQL to_char format of a fixed-width UTC instant with microseconds. */
const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** `timestamptz` as fixed-width UTC text with microseconds (a JS Date would drop them). */
export function isoColumn(expression: string): string {
  return `to_char(${expression} AT TIME ZONE 'UTC', ${ISO_UTC})`;
}
