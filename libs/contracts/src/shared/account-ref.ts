import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';

// A bank account must be recognisable across events (to join the account-owner message to its
// application) without its number appearing in any key, header or downstream record. The reference is
// `acct:` + the first 32 hex (128 bits) of HMAC-SHA256(ACCOUNT_REF_KEY, "<bsb digits>:<number digits>").
// Formatting characters are dropped first so "062-692" and "062692" give the same reference; leading
// zeros are kept. An account number has little entropy: a plain hash of it can be reversed by trying
// every number, a keyed hash cannot without the key. Every service that builds a reference uses this
// one class with the same platform key; changing the key changes every reference, so it means a
// rebuild of every projection that stores them (README "Account references").

export function accountDigits(value: string): string {
  return value.replace(/[\s-]/g, '');
}

/** The shortest key accepted: 32 bytes, the HMAC-SHA256 block's worth of secret. */
export const ACCOUNT_REF_KEY_MIN_BYTES = 32;

export class AccountRefs {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length < ACCOUNT_REF_KEY_MIN_BYTES) {
      throw new Error(`an account reference key must be at least ${ACCOUNT_REF_KEY_MIN_BYTES} bytes`);
    }
    this.#key = Buffer.from(key);
  }

  /** `acct:<32 hex>` of a BSB (or bank code) and an account number. */
  of(bsb: string, number: string): string {
    const mac = createHmac('sha256', this.#key)
      .update(`${accountDigits(bsb)}:${accountDigits(number)}`)
      .digest('hex');
    return `acct:${mac.slice(0, 32)}`;
  }

  // The key must never reach a log line, even when someone logs the object.
  toJSON(): string {
    return 'AccountRefs([key])';
  }

  [inspect.custom](): string {
    return this.toJSON();
  }
}

/** The last four digits of an account number, the most a downstream record may show. */
export function accountLast4(number: string): string {
  return accountDigits(number).slice(-4);
}
