import { ConfigError, parseConfig } from '@ledgerhook/platform';
import { z } from 'zod';

/** One AES-256 key and the id stored next to everything it encrypts (so keys can rotate). */
export interface SeedKey {
  id: string;
  key: Buffer;
}

export interface SeedEncryptionConfig {
  /** First = current key (encrypts); all of them decrypt. */
  keys: readonly SeedKey[];
}

const VARIABLE = 'SEED_ENCRYPTION_KEYS';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$|^[A-Za-z0-9_-]+$/;

function parseKeyList(text: string): SeedKey[] | string {
  const keys: SeedKey[] = [];
  for (const item of text.split(',').map((part) => part.trim())) {
    if (item === '') continue;
    const colon = item.indexOf(':');
    if (colon <= 0) return 'each key must be written <key id>:<base64 of 32 bytes>';
    const id = item.slice(0, colon);
    const encoded = item.slice(colon + 1);
    if (!KEY_ID.test(id)) return `key id ${JSON.stringify(id)} must match [A-Za-z0-9_-]{1,32}`;
    // Never echo key material in an error: name the key id only.
    if (!BASE64.test(encoded)) return `key ${id} is not base64`;
    const key = Buffer.from(encoded, encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64');
    if (key.length !== 32) return `key ${id} must decode to 32 bytes (AES-256), got ${key.length}`;
    if (keys.some((known) => known.id === id)) return `key id ${id} is listed twice`;
    keys.push({ id, key });
  }
  return keys.length > 0 ? keys : 'must list at least one key';
}

/**
 * SEED_ENCRYPTION_KEYS="k2:<base64 32 bytes>,k1:<base64 32 bytes>". Rotation: put the new key first and
 * keep the old ones until no stored seed uses them. Required: a credential store has no safe default.
 */
export function loadSeedEncryptionConfig(
  service: string,
  env: Record<string, string | undefined> = process.env,
): SeedEncryptionConfig {
  const parsed = parseConfig(
    service,
    { [VARIABLE]: z.string({ error: 'is required: <key id>:<base64 of 32 random bytes>[,…]' }) },
    env,
  );
  const keys = parseKeyList(parsed[VARIABLE]);
  if (typeof keys === 'string') throw new ConfigError(service, [{ variable: VARIABLE, message: keys }]);
  return { keys };
}
