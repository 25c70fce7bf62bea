import { createHash } from 'node:crypto';

/** The formula's version: bump it whenever a factor, a weight or a rule in docs/scoring.md changes. */
export const MODEL_FORMULA = 'income-v1';

/**
 * `income-v1+<first 8 hex of sha256 of the thresholds>`: the formula and the exact thresholds it ran
 * with, so a published result can be reproduced from the raw events and its modelVersion alone.
 * `thresholds` must be canonical (equal values, equal text): the config passes reduced fractions.
 */
export function modelVersionOf(thresholds: Readonly<Record<string, string>>): string {
  const canonical = Object.keys(thresholds)
    .sort()
    .map((name) => `${name}=${thresholds[name]}`)
    .join('\n');
  return `${MODEL_FORMULA}+${createHash('sha256').update(canonical).digest('hex').slice(0, 8)}`;
}
