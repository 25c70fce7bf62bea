import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { SeedCipher, SeedDecryptionError } from './seed-cipher';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const seed = Buffer.from('{"seed":"s3cr3t-crawler-seed"}');

describe('SeedCipher (AES-256-GCM)', () => {
  it('gives a planted second record under the same ce_id another IV, and rebuilds byte for byte', () => {
    const cipher = new SeedCipher([k1]);
    const original = cipher.encrypt(seed, 'crawler-seed:961194:ce-1', 'ce-1');
    const planted = cipher.encrypt(
      Buffer.from('{"seed":"attacker-chosen"}'),
      'crawler-seed:961194:ce-1',
      'ce-1',
    );
    expect(planted.iv).not.toEqual(original.iv);
    // A rebuild seals the same record into the same bytes (with a fresh cipher, as a new process would).
    expect(new SeedCipher([k1]).encrypt(seed, 'crawler-seed:961194:ce-1', 'ce-1')).toEqual(original);
  });

  it('encrypts and derives IVs with HKDF subkeys, never with the configured key itself', () => {
    const sealed = new SeedCipher([k1]).encrypt(seed, 'ctx', 'ce-1');
    const legacyIv = createHmac('sha256', k1.key).update('seed-iv:ce-1').digest().subarray(0, 12);
    expect(sealed.iv).not.toEqual(legacyIv);
    const underRawKey = createDecipheriv('aes-256-gcm', k1.key, sealed.iv);
    underRawKey.setAAD(Buffer.from('ctx'));
    underRawKey.setAuthTag(sealed.authTag);
    underRawKey.update(sealed.ciphertext);
    expect(() => underRawKey.final()).toThrow();
  });

  it('still opens a seed sealed before the HKDF split (under the configured key), until a rebuild', () => {
    const iv = randomBytes(12);
    const legacy = createCipheriv('aes-256-gcm', k1.key, iv);
    legacy.setAAD(Buffer.from('ctx'));
    const ciphertext = Buffer.concat([legacy.update(seed), legacy.final()]);
    const sealed = { keyId: 'k1', iv, authTag: legacy.getAuthTag(), ciphertext };
    expect(new SeedCipher([k2, k1]).decrypt(sealed, 'ctx')).toEqual(seed);
    expect(() => new SeedCipher([k2, k1]).decrypt(sealed, 'other')).toThrow(/failed authentication/);
  });

  it('round-trips with the current key and stores its id', () => {
    const cipher = new SeedCipher([k2, k1]);
    const sealed = cipher.encrypt(seed, 'app:961194');
    expect(sealed.keyId).toBe('k2');
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.authTag).toHaveLength(16);
    expect(sealed.ciphertext.includes(Buffer.from('s3cr3t'))).toBe(false);
    expect(cipher.decrypt(sealed, 'app:961194')).toEqual(seed);
  });

  it('uses a fresh random IV unless given a context, and a stable one for the same context', () => {
    const cipher = new SeedCipher([k1]);
    expect(cipher.encrypt(seed, 'a').iv).not.toEqual(cipher.encrypt(seed, 'a').iv);
    const first = cipher.encrypt(seed, 'a', 'ce-1');
    expect(cipher.encrypt(seed, 'a', 'ce-1')).toEqual(first);
    expect(cipher.encrypt(seed, 'a', 'ce-2').iv).not.toEqual(first.iv);
  });

  it('decrypts what an older key sealed after a rotation', () => {
    const sealedWithK1 = new SeedCipher([k1]).encrypt(seed, 'ctx');
    expect(new SeedCipher([k2, k1]).decrypt(sealedWithK1, 'ctx')).toEqual(seed);
  });

  it('names an unknown key id', () => {
    const sealed = new SeedCipher([k1]).encrypt(seed, 'ctx');
    expect(() => new SeedCipher([k2]).decrypt(sealed, 'ctx')).toThrow(/no seed key with id "k1"/);
    expect(() => new SeedCipher([k2]).decrypt({ ...sealed, keyId: 'k2' }, 'ctx')).toThrow(
      SeedDecryptionError,
    );
  });

  it('detects tampering with the ciphertext, the tag, the IV or the context', () => {
    const cipher = new SeedCipher([k1]);
    const sealed = cipher.encrypt(seed, 'ctx');
    const flipped = (buffer: Buffer) => {
      const copy = Buffer.from(buffer);
      copy[0] ^= 1;
      return copy;
    };
    for (const tampered of [
      { ...sealed, ciphertext: flipped(sealed.ciphertext) },
      { ...sealed, authTag: flipped(sealed.authTag) },
      { ...sealed, iv: flipped(sealed.iv) },
    ]) {
      expect(() => cipher.decrypt(tampered, 'ctx')).toThrow(/failed authentication/);
    }
    expect(() => cipher.decrypt(sealed, 'other-row')).toThrow(/failed authentication/);
    expect(() => cipher.decrypt({ ...sealed, authTag: sealed.authTag.subarray(0, 8) }, 'ctx')).toThrow(
      /malformed/,
    );
  });

  it('never shows key material when logged', () => {
    const cipher = new SeedCipher([k2, k1]);
    const shown = `${inspect(cipher)} ${JSON.stringify(cipher)}`;
    expect(shown).toContain('k2');
    expect(shown).not.toContain(k1.key.toString('base64'));
    expect(shown).not.toContain(k2.key.toString('hex'));
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => new SeedCipher([])).toThrow(/at least one key/);
    expect(() => new SeedCipher([{ id: 'short', key: randomBytes(16) }])).toThrow(/short must be 32 bytes/);
  });
});
