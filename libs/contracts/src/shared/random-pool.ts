import { randomFillSync } from 'node:crypto';

// Every published event needs ~40 random bytes (ce_id, traceparent). One CSPRNG call per 4 KiB
// instead of several per event keeps the ingress's hot path short; the bytes are the same quality.
const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

/** `size` (<= 256) cryptographically random bytes, copied out of a pool refilled as it empties. */
export function pooledRandomBytes(size: number): Buffer {
  if (size > 256) throw new RangeError('pooledRandomBytes serves at most 256 bytes at a time');
  if (offset + size > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}
