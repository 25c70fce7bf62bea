/**
 * Tokens of each kind the read-API tests use: every scope, `read` without `pii:read`, and `pii:read`
 * without `read` (it only exists to be refused). Callers: it-reader, it-masked, it-odd.
 */
export const TEST_READ_API_TOKENS = {
  full: 'it-read-token-0123456789abcdef',
  readOnly: 'it-mask-token-0123456789abcdef',
  withoutRead: 'it-odd-token-0123456789abcdef',
} as const;

/** READ_API_TOKENS for a service under test, holding TEST_READ_API_TOKENS. */
export const TEST_READ_API_TOKENS_VARIABLE = [
  `it-reader:${TEST_READ_API_TOKENS.full}:read+pii:read`,
  `it-masked:${TEST_READ_API_TOKENS.readOnly}:read`,
  `it-odd:${TEST_READ_API_TOKENS.withoutRead}:pii:read`,
].join(',');
