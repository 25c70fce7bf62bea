import { sha256Hex } from './hashing';

// Provider ids go into Kafka keys and headers, which every operator sees. A plain token (digits, hex,
// uuid, short reference) passes through; anything else (an e-mail a lender put in its own reference,
// spaces, very long values) is replaced by a hash so that no personal data can leak into a key.
const PLAIN_TOKEN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function safeIdPart(value: string | number | bigint): string {
  const text = String(value);
  return PLAIN_TOKEN.test(text) ? text : `h-${sha256Hex(text, 32)}`;
}

/** An id as a string when it is a non-empty string or a safe integer, else undefined. */
export function idValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
