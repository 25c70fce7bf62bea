import { pooledRandomBytes } from './random-pool';

describe('pooledRandomBytes', () => {
  it('returns independent copies of the requested size that do not repeat across refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const bytes = pooledRandomBytes(16);
      expect(bytes).toHaveLength(16);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(2_000);
    const first = pooledRandomBytes(8);
    const copy = Buffer.from(first);
    for (let i = 0; i < 4096 / 256 + 1; i++) pooledRandomBytes(256); // forces a refill of the pool
    pooledRandomBytes(8);
    expect(first.equals(copy)).toBe(true);
  });

  it('refuses sizes it does not serve', () => {
    expect(() => pooledRandomBytes(257)).toThrow(RangeError);
  });
});
