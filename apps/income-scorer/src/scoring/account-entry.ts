import { type AccountRefs, accountLast4 } from '@ledgerhook/contracts';

/**
 * A borrower's bank account as the scorer keeps it: the `acct:` reference of bank code and number
 * (libs/contracts), the last 4 digits and the CreditChek applications it came from. Never the number.
 */
export interface AccountEntry {
  readonly accountRef: string;
  readonly last4: string;
  /** Sorted, without duplicates. */
  readonly appIds: readonly string[];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The entry for an account number seen in an event; undefined when the event names no account. */
export function accountEntryOf(
  refs: AccountRefs,
  accountNumber: unknown,
  bankCode: unknown,
  appId: unknown,
): AccountEntry | undefined {
  const number = text(accountNumber);
  if (number === undefined) return undefined;
  const app = text(appId);
  return {
    accountRef: refs.of(text(bankCode) ?? '', number),
    last4: accountLast4(number),
    appIds: app === undefined ? [] : [app],
  };
}

/** Both entries' applications, for the same account. */
export function mergeAccountEntries(a: AccountEntry, b: AccountEntry): AccountEntry {
  return { ...a, appIds: [...new Set([...a.appIds, ...b.appIds])].sort() };
}
