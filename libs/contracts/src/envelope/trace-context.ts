import { pooledRandomBytes as randomBytes } from '../shared/random-pool';

// W3C Trace Context `traceparent`: version-traceid-parentid-flags, lower-case hex.
export const TRACEPARENT_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function isValidTraceparent(value: string): boolean {
  const match = TRACEPARENT_PATTERN.exec(value);
  // All-zero trace or parent ids are invalid per the spec.
  return match !== null && !/^0+$/.test(match[1]) && !/^0+$/.test(match[2]);
}

/** A new root trace context, sampled. */
export function newTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}
