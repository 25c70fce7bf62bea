import { z } from 'zod';
import { readApiTokensVariable } from './read-api-tokens';

const parse = (text: string) =>
  z.object({ READ_API_TOKENS: readApiTokensVariable() }).safeParse({ READ_API_TOKENS: text });

describe('READ_API_TOKENS', () => {
  it('reads name:token:scopes entries, keeping only a digest of each token', () => {
    const parsed = parse(
      'risk-team:abcdefghijklmnopqrstuvwx:read+pii:read, ops:ABCDEFGHIJKLMNOPQRSTUVWX:read',
    );
    expect(parsed.success).toBe(true);
    const tokens = parsed.success ? parsed.data.READ_API_TOKENS : [];
    expect(tokens.map((t) => [t.name, [...t.scopes]])).toEqual([
      ['risk-team', ['read', 'pii:read']],
      ['ops', ['read']],
    ]);
    expect(JSON.stringify(tokens)).not.toContain('abcdefghijklmnopqrstuvwx');
  });

  it.each([
    ['short-token:short:read', 'entry 1 has a token shorter than 24'],
    ['a:abcdefghijklmnopqrstuvwx:write', 'entry 1 has scopes outside'],
    ['ok:abcdefghijklmnopqrstuvwx:read,broken', 'entry 2 must be name:token:scopes'],
    ['', 'lists no token'],
  ])('refuses %j naming the entry, never quoting a token', (text, message) => {
    const parsed = parse(text);
    expect(parsed.success).toBe(false);
    const issues = parsed.success ? '' : parsed.error.issues.map((issue) => issue.message).join('; ');
    expect(issues).toContain(message);
    expect(issues).not.toContain('abcdefghijklmnopqrstuvwx');
  });
});
