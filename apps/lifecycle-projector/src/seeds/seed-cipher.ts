import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import type { SeedKey } from '../config/seed-encryption.config';

/** A crawler seed as stored: never the plaintext. */
export interface EncryptedSeed {
  keyId: string;
  iv: Buffer;
  authTag: Buffer;
  ciphertext: Buffer;
}

export class SeedDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedDecryptionError';
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The two keys derived from one configured key: one encrypts, one derives IVs, never the same. */
interface Subkeys {
  encryption: Buffer;
  iv: Buffer;
  /** The configured key itself: only to read seeds sealed before the subkeys (see decrypt). */
  legacy: Buffer;
}

const subkey = (key: Buffer, purpose: string): Buffer =>
  Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `ledgerhook/crawler-seed/v2/${purpose}`, 32));

/**
 * AES-256-GCM for crawler seeds (credentials). The key id is stored with each ciphertext so keys can
 * rotate; `aad` binds a ciphertext to its row, so it cannot be copied to another application. Each
 * configured key is split by HKDF-SHA256 into an encryption key and an IV key.
 *
 * IV: random by default. The projector passes `ivContext` (the raw event's ce_id) instead: replaying
 * the topic into empty tables must write the same bytes (the rebuild compares table checksums). The IV
 * is then HMAC-SHA256(IV key, ce_id + SHA-256 of the plaintext)[0..12], so the same IV comes back only
 * for the same ce_id AND the same plaintext. A GCM nonce is dangerous when reused with a different
 * plaintext, and a ce_id alone does not promise that: whoever can write to the raw topic can plant a
 * second record under an existing ce_id (c1 xor c2 xor p2 = p1). With the plaintext in the IV, such a
 * record gets an IV of its own.
 */
export class SeedCipher {
  readonly #keys: ReadonlyMap<string, Subkeys>;
  readonly #currentId: string;

  constructor(keys: readonly SeedKey[]) {
    const [current] = keys;
    if (!current) throw new Error('SeedCipher needs at least one key');
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`seed key ${id} must be 32 bytes`);
    }
    this.#currentId = current.id;
    this.#keys = new Map(
      keys.map(({ id, key }) => [
        id,
        { encryption: subkey(key, 'encryption'), iv: subkey(key, 'iv'), legacy: key },
      ]),
    );
  }

  get currentKeyId(): string {
    return this.#currentId;
  }

  encrypt(plaintext: Buffer, aad: string, ivContext?: string): EncryptedSeed {
    const keys = this.#keys.get(this.#currentId) as Subkeys;
    const iv =
      ivContext === undefined
        ? randomBytes(IV_BYTES)
        : createHmac('sha256', keys.iv)
            .update(`seed-iv:${ivContext}:`)
            .update(createHash('sha256').update(plaintext).digest())
            .digest()
            .subarray(0, IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyId: this.#currentId, iv, authTag: cipher.getAuthTag(), ciphertext };
  }

  /**
   * Seeds sealed before the HKDF split (under the configured key itself) still open: GCM's tag tells the
   * two apart. A rebuild (new LIFECYCLE_PROJECTOR_GROUP_ID, empty tables) seals every row anew.
   */
  decrypt(sealed: EncryptedSeed, aad: string): Buffer {
    const keys = this.#keys.get(sealed.keyId);
    if (!keys)
      throw new SeedDecryptionError(`no seed key with id ${JSON.stringify(sealed.keyId)} is configured`);
    if (sealed.iv.length !== IV_BYTES || sealed.authTag.length !== TAG_BYTES) {
      throw new SeedDecryptionError('malformed sealed seed (IV or auth tag length)');
    }
    for (const key of [keys.encryption, keys.legacy]) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(sealed.authTag);
      try {
        return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
      } catch {
        // the other key, or tampered
      }
    }
    throw new SeedDecryptionError('seed failed authentication (tampered, or wrong key or context)');
  }

  // Keys must never reach a log line, even when someone logs the object.
  toJSON(): { currentKeyId: string; keyIds: string[] } {
    return { currentKeyId: this.#currentId, keyIds: [...this.#keys.keys()] };
  }

  [inspect.custom](): string {
    return `SeedCipher(${JSON.stringify(this.toJSON())})`;
  }
}
