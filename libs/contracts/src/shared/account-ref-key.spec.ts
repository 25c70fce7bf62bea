import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { accountRefKeyVariable } from './account-ref-key';

const parse = (value?: string) =>
  z.object({ ACCOUNT_REF_KEY: accountRefKeyVariable() }).safeParse({ ACCOUNT_REF_KEY: value });

describe('ACCOUNT_REF_KEY', () => {
  it('gives keyed references: another key, other references; the key never shown', () => {
    const key = randomBytes(32).toString('base64');
    const parsed = parse(key);
    const other = parse(randomBytes(32).toString('base64url'));
    if (!parsed.success || !other.success) throw new Error('a valid key was refused');
    const ref = parsed.data.ACCOUNT_REF_KEY.of('062-692', '44520485');
    expect(ref).toMatch(/^acct:[0-9a-f]{32}$/);
    expect(parsed.data.ACCOUNT_REF_KEY.of('062692', '4452 0485')).toBe(ref);
    expect(other.data.ACCOUNT_REF_KEY.of('062692', '44520485')).not.toBe(ref);
    expect(JSON.stringify(parsed.data)).not.toContain(key);
  });

  it.each([
    [undefined, 'is required'],
    ['c2hvcnQ=', 'at least 32 bytes'],
    ['not base64!', 'at least 32'],
  ])('refuses %j', (value, message) => {
    const parsed = parse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.success ? '' : parsed.error.issues[0]?.message).toContain(message);
  });
});
