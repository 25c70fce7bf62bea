import { type AccountEntry, mergeAccountEntries } from './account-entry';
import type { BorrowerEvent, InsightOutcome } from './borrower-event';
import type { TransactionSummary } from './transaction-summary';

// A borrower's state as a pure fold over its CreditChek events (docs/scoring.md, section 6). Entries
// are keyed by ce_id and accounts merge by set union, so the fold is order-independent (any arrival
// order of the same events gives an equal state) and idempotent (a redelivery changes nothing).

export interface TimedEntry {
  time: string;
}

export interface UploadEntry extends TimedEntry {
  accountRef?: string;
}

export interface TransactionsEntry extends TimedEntry {
  accountRef?: string;
  summary: TransactionSummary;
}

export interface InsightEntry extends TimedEntry {
  insightId?: string;
  accountRefs: string[];
  appIds: string[];
  outcome: InsightOutcome;
}

export interface BorrowerState {
  borrowerId: string;
  /** By account reference. */
  accounts: Readonly<Record<string, AccountEntry>>;
  /** By ce_id. */
  uploads: Readonly<Record<string, UploadEntry>>;
  transactions: Readonly<Record<string, TransactionsEntry>>;
  /** Insights and failures, by ce_id. */
  insights: Readonly<Record<string, InsightEntry>>;
}

export function emptyBorrowerState(borrowerId: string): BorrowerState {
  return { borrowerId, accounts: {}, uploads: {}, transactions: {}, insights: {} };
}

function withAccounts(
  accounts: Readonly<Record<string, AccountEntry>>,
  added: readonly AccountEntry[],
): Record<string, AccountEntry> {
  const next = { ...accounts };
  for (const account of added) {
    const known = next[account.accountRef];
    next[account.accountRef] = known
      ? mergeAccountEntries(known, account)
      : mergeAccountEntries(account, account);
  }
  return next;
}

export function foldBorrowerEvent(state: BorrowerState, event: BorrowerEvent): BorrowerState {
  if (event.borrowerId !== state.borrowerId)
    throw new Error(`event ${event.ceId} belongs to another borrower than the state it is folded into`);
  const { ceId, time } = event;
  switch (event.type) {
    case 'pdf_upload':
      return {
        ...state,
        accounts: withAccounts(state.accounts, event.account ? [event.account] : []),
        uploads: {
          ...state.uploads,
          [ceId]: { time, ...(event.account ? { accountRef: event.account.accountRef } : {}) },
        },
      };
    case 'income_transaction':
      return {
        ...state,
        accounts: withAccounts(state.accounts, event.account ? [event.account] : []),
        transactions: {
          ...state.transactions,
          [ceId]: {
            time,
            ...(event.account ? { accountRef: event.account.accountRef } : {}),
            summary: event.summary,
          },
        },
      };
    case 'insight_outcome':
      return {
        ...state,
        accounts: withAccounts(state.accounts, event.accounts),
        insights: {
          ...state.insights,
          [ceId]: {
            time,
            ...(event.insightId !== undefined ? { insightId: event.insightId } : {}),
            accountRefs: [...new Set(event.accounts.map((a) => a.accountRef))].sort(),
            appIds: event.appIds,
            outcome: event.outcome,
          },
        },
      };
  }
}

/** Orders entries by (ce_time, ce_id): the same order whatever order they arrived in. */
export function chronological<T extends TimedEntry>(entries: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(entries).sort(
    ([idA, a], [idB, b]) => Date.parse(a.time) - Date.parse(b.time) || (idA < idB ? -1 : idA > idB ? 1 : 0),
  );
}
