import { createHash } from 'node:crypto';
import { z } from 'zod';

/** A caller of the read APIs: a service or a team, with what it may read. */
export interface ReadApiCaller {
  name: string;
  scopes: ReadonlySet<string>;
}

export interface ReadApiToken extends ReadApiCaller {
  /** SHA-256 of the token: compared in constant time, the token itself is not kept. */
  digest: Buffer;
}

export const READ_SCOPE = 'read';
export const PII_SCOPE = 'pii:read';
const SCOPES = new Set([READ_SCOPE, PII_SCOPE]);
// A token must be worth guessing against: 24 characters of base64url is 144 bits.
const TOKEN = /^[A-Za-z0-9_~.-]{24,256}$/;
const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const digestOf = (token: string): Buffer => createHash('sha256').update(token).digest();

/**
 * `READ_API_TOKENS`: comma-separated `name:token:scopes`, scopes joined by `+` (`read`, `pii:read`), e.g.
 * `risk-team:<random>:read+pii:read`. Errors name the entry's position, never its token.
 */
export const readApiTokensVariable = () =>
  z
    .string({
      error: 'is required: comma-separated name:token:scopes (e.g. risk-team:<24+ random chars>:read)',
    })
    .transform((text, context): ReadApiToken[] => {
      const tokens: ReadApiToken[] = [];
      text
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '')
        .forEach((entry, index) => {
          const parts = entry.split(':');
          const scopes = parts.slice(2).join(':').split('+').filter(Boolean);
          const problem =
            parts.length < 3
              ? 'must be name:token:scopes'
              : !NAME.test(parts[0] as string)
                ? 'has a name that is not [a-z0-9-]'
                : !TOKEN.test(parts[1] as string)
                  ? 'has a token shorter than 24 characters or with characters outside [A-Za-z0-9_~.-]'
                  : scopes.length === 0 || scopes.some((scope) => !SCOPES.has(scope))
                    ? `has scopes outside ${[...SCOPES].join(', ')}`
                    : undefined;
          if (problem) {
            context.addIssue({ code: 'custom', message: `entry ${index + 1} ${problem}` });
            return;
          }
          tokens.push({
            name: parts[0] as string,
            digest: digestOf(parts[1] as string),
            scopes: new Set(scopes),
          });
        });
      if (tokens.length === 0 && context.issues.length === 0)
        context.addIssue({ code: 'custom', message: 'lists no token' });
      return tokens;
    });
