import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets in constant time. Both sides are hashed first so the comparison never
 * short-circuits on a length difference either (timingSafeEqual needs equal lengths).
 */
export function constantTimeEquals(a: string | Buffer, b: string | Buffer): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

/** True when `candidate` equals any of `secrets`; every secret is compared, match or not. */
export function matchesAny(candidate: string | Buffer, secrets: readonly (string | Buffer)[]): boolean {
  let matched = false;
  for (const secret of secrets) matched = constantTimeEquals(candidate, secret) || matched;
  return matched;
}
