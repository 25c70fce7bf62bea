import { createHash } from 'node:crypto';
import { pooledRandomBytes as randomBytes } from '../shared/random-pool';

// RFC 9562 UUIDv7: 48-bit Unix ms timestamp, then random bits. ce_id must be time-ordered, so within
// one process ids are also monotonic: the 12-bit rand_a field is a counter seeded randomly each
// millisecond (RFC 9562 §6.2 method 1); on overflow the timestamp is advanced by one ms.
let lastMs = -1;
let counter = 0;

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const UUIDV7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function uuidv7(now: number = Date.now()): string {
  let ms = Math.max(now, lastMs);
  if (ms === lastMs) {
    counter += 1;
    if (counter > 0xfff) {
      ms += 1;
      counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
    }
  } else {
    // Seed below 0x800 so that many ids fit in the same millisecond before overflow.
    counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
  }
  lastMs = ms;

  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A UUIDv7 that is a function of its inputs: the timestamp `ms`, and the first 74 bits of
 * SHA-256(`name`) where uuidv7() puts random bits. For records a process may have to publish again
 * (after a crash, on a second run) and that must then carry the same ce_id; still time-ordered by `ms`.
 */
export function uuidv7From(name: string, ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 2 ** 48) throw new Error(`not a UUIDv7 timestamp: ${ms}`);
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The millisecond timestamp inside a UUIDv7. */
export function uuidv7Time(id: string): Date {
  if (!UUIDV7_PATTERN.test(id)) throw new Error(`not a UUIDv7: ${id}`);
  return new Date(parseInt(id.replace(/-/g, '').slice(0, 12), 16));
}
