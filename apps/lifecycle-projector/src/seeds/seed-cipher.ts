import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
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

/**
 * AES-256-GCM for crawler seeds (credentials). The key id is stored with each ciphertext so keys can
 * rotate; `aad` binds a ciphertext to its row, so it cannot be copied to another application.
 *
 * IV: random by default. The projector passes `ivContext` (the raw event's ce_id) instead, and the IV
 * is then HMAC-SHA256(key, context)[0..12]: replaying the topic into empty tables must write the same
 * bytes (the rebuild compares table checksums), and a GCM nonce is only dangerous when reused with a
 * DIFFERENT plaintext, which cannot happen here because one ce_id is one immutable raw record.
 */
export class SeedCipher {
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #current: SeedKey;

  constructor(keys: readonly SeedKey[]) {
    if (keys.length === 0) throw new Error('SeedCipher needs at least one key');
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`seed key ${id} must be 32 bytes`);
    }
    this.#current = keys[0];
    this.#keys = new Map(keys.map(({ id, key }) => [id, key]));
  }

  get currentKeyId(): string {
    return this.#current.id;
  }

  encrypt(plaintext: Buffer, aad: string, ivContext?: string): EncryptedSeed {
    const { id, key } = this.#current;
    const iv =
      ivContext === undefined
        ? randomBytes(IV_BYTES)
        : createHmac('sha256', key).update(`seed-iv:${ivContext}`).digest().subarray(0, IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyId: id, iv, authTag: cipher.getAuthTag(), ciphertext };
  }

  decrypt(sealed: EncryptedSeed, aad: string): Buffer {
    const key = this.#keys.get(sealed.keyId);
    if (!key)
      throw new SeedDecryptionError(`no seed key with id ${JSON.stringify(sealed.keyId)} is configured`);
    if (sealed.iv.length !== IV_BYTES || sealed.authTag.length !== TAG_BYTES) {
      throw new SeedDecryptionError('malformed sealed seed (IV or auth tag length)');
    }
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.authTag);
    try {
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
    } catch {
      throw new SeedDecryptionError('seed failed authentication (tampered, or wrong key or context)');
    }
  }

  // Keys must never reach a log line, even when someone logs the object.
  toJSON(): { currentKeyId: string; keyIds: string[] } {
    return { currentKeyId: this.#current.id, keyIds: [...this.#keys.keys()] };
  }

  [inspect.custom](): string {
    return `SeedCipher(${JSON.stringify(this.toJSON())})`;
  }
}
