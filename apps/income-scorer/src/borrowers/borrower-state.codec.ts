import type { BorrowerState } from '../scoring/borrower-state';

// The state holds exact amounts as bigint (Rational), which JSON cannot carry: each is written as
// {"$bigint": "<digits>"} and read back as a bigint, so the stored state folds on exactly as before.

const TAG = '$bigint';

export function encodeBorrowerState(state: BorrowerState): string {
  return JSON.stringify(state, (_key, value: unknown) =>
    typeof value === 'bigint' ? { [TAG]: value.toString() } : value,
  );
}

export function decodeBorrowerState(json: string): BorrowerState {
  return JSON.parse(json, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const tagged = (value as Record<string, unknown>)[TAG];
      if (typeof tagged === 'string' && Object.keys(value).length === 1) return BigInt(tagged);
    }
    return value;
  }) as BorrowerState;
}
