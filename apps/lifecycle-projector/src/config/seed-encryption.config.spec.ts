import { randomBytes } from 'node:crypto';
import { ConfigError } from '@ledgerhook/platform';
import { loadSeedEncryptionConfig } from './seed-encryption.config';

const key1 = randomBytes(32);
const key2 = randomBytes(32);

function problem(env: Record<string, string>): string {
  try {
    loadSeedEncryptionConfig('lifecycle-projector', env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('SEED_ENCRYPTION_KEYS', () => {
  it('parses the current key first, then the older ones', () => {
    const config = loadSeedEncryptionConfig('lifecycle-projector', {
      SEED_ENCRYPTION_KEYS: `k2:${key2.toString('base64')}, k1:${key1.toString('base64url')}`,
    });
    expect(config.keys.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(config.keys[0].key).toEqual(key2);
    expect(config.keys[1].key).toEqual(key1);
  });

  it('names the variable, never the key material', () => {
    expect(problem({})).toMatch(/SEED_ENCRYPTION_KEYS: is required/);
    const short = randomBytes(16).toString('base64');
    const message = problem({ SEED_ENCRYPTION_KEYS: `k1:${short}` });
    expect(message).toMatch(/SEED_ENCRYPTION_KEYS: key k1 must decode to 32 bytes/);
    expect(message).not.toContain(short);
    expect(problem({ SEED_ENCRYPTION_KEYS: key1.toString('base64') })).toMatch(
      /SEED_ENCRYPTION_KEYS: each key must be written/,
    );
    expect(
      problem({ SEED_ENCRYPTION_KEYS: `k1:${key1.toString('base64')},k1:${key2.toString('base64')}` }),
    ).toMatch(/listed twice/);
    expect(problem({ SEED_ENCRYPTION_KEYS: 'k1:***' })).toMatch(/key k1 is not base64/);
  });
});
