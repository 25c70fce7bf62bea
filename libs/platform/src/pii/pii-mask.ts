/** What a masked personal value reads as: it says a value exists, never what it is. */
export const MASKED = '***';

/**
 * Every string, number and boolean inside a value (an owner list, an address object) replaced by
 * MASKED; the shape (arrays, object keys, nulls) stays, so a caller still sees what is there.
 */
export function maskDeep<T>(value: T): T {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => maskDeep(item)) as T;
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, maskDeep(item)]),
    ) as T;
  }
  return MASKED as T;
}

/** An account number down to its last 4 digits (the most a reader without pii:read may see). */
export function maskAccountNumber(number: string | null): string | null {
  if (number === null) return null;
  const digits = number.replace(/[\s-]/g, '');
  return `${MASKED}${digits.slice(-4)}`;
}
