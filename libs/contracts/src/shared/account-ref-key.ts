import { ACCOUNT_REF_KEY_MIN_BYTES, AccountRefs } from './account-ref';
import { z } from 'zod';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$|^[A-Za-z0-9_-]+$/;

/**
 * `ACCOUNT_REF_KEY`: base64 (or base64url) of at least 32 random bytes, the key of every `acct:`
 * reference (HMAC-SHA256). Required: without it a reference would be a plain hash of an account number,
 * which can be reversed. The same key on every service; changing it means a rebuild. Errors never quote it.
 */
export const accountRefKeyVariable = () =>
  z
    .string({
      error: `is required: base64 of ${ACCOUNT_REF_KEY_MIN_BYTES}+ random bytes (openssl rand -base64 32)`,
    })
    .transform((text, context) => {
      const trimmed = text.trim();
      const key = BASE64.test(trimmed)
        ? Buffer.from(trimmed, /[-_]/.test(trimmed) ? 'base64url' : 'base64')
        : Buffer.alloc(0);
      if (key.length < ACCOUNT_REF_KEY_MIN_BYTES) {
        context.addIssue({
          code: 'custom',
          message: `must be base64 of at least ${ACCOUNT_REF_KEY_MIN_BYTES} bytes (got ${key.length})`,
        });
        return z.NEVER;
      }
      return new AccountRefs(key);
    });
