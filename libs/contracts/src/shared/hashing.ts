import { createHash } from 'node:crypto';

/** First `hexChars` hex characters of SHA-256: 32 chars (128 bits) is plenty for keys and dedup ids. */
export function sha256Hex(data: Buffer | string, hexChars = 64): string {
  return createHash('sha256').update(data).digest('hex').slice(0, hexChars);
}
