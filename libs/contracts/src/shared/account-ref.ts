import { sha256Hex } from './hashing';

// A bank account must be recognisable across events (to join the account-owner message to its
// application) without its number appearing in any key, header or downstream record. The reference is
// `acct:` + the first 32 hex of sha256("<bsb digits>:<number digits>"). Formatting characters are
// dropped first so "062-692" and "062692" give the same reference; leading zeros are kept.
// Caveat: an account number has little entropy, so this is pseudonymisation, not anonymisation: who
// knows the BSB can brute-force the number. It keeps numbers out of logs and topic keys; it does not
// make the reference public data.

export function accountDigits(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export function accountRef(bsb: string, number: string): string {
  return `acct:${sha256Hex(`${accountDigits(bsb)}:${accountDigits(number)}`, 32)}`;
}

/** The last four digits of an account number, the most a downstream record may show. */
export function accountLast4(number: string): string {
  return accountDigits(number).slice(-4);
}
