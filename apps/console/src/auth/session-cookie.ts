import { parse, serialize } from 'cookie';
import type { Request } from 'express';

export const SESSION_COOKIE = 'console_session';

export function sessionTokenOf(request: Request): string | undefined {
  return parse(request.headers.cookie ?? '')[SESSION_COOKIE];
}

/**
 * httpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure unless
 * CONSOLE_COOKIE_SECURE=false (plain http on localhost).
 */
export function sessionCookie(token: string, secure: boolean, maxAgeMs: number): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearedSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 0 });
}
