import type { Request } from 'express';
import { clearedSessionCookie, sessionCookie, sessionTokenOf } from './session-cookie';

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Secure when asked, for the whole site', () => {
    const cookie = sessionCookie('token-1', true, 3_600_000);
    expect(cookie).toContain('console_session=token-1');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Max-Age=3600');
    expect(sessionCookie('token-1', false, 1000)).not.toContain('Secure');
  });

  it('is cleared at logout and read back from the Cookie header', () => {
    expect(clearedSessionCookie(true)).toContain('Max-Age=0');
    const request = { headers: { cookie: 'other=1; console_session=abc' } } as Request;
    expect(sessionTokenOf(request)).toBe('abc');
    expect(sessionTokenOf({ headers: {} } as Request)).toBeUndefined();
  });
});
