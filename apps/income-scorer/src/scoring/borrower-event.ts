import {
  type AccountRefs,
  ContractViolationError,
  creditchekInsightOf,
  type IncomeNoScoreReason,
  parseCreditChekEvent,
} from '@ledgerhook/contracts';
import { type AccountEntry, accountEntryOf } from './account-entry';
import { type InsightInputs, insightInputs } from './insight-inputs';
import { summariseTransactions, type TransactionSummary } from './transaction-summary';

// One raw CreditChek record turned into what the borrower's state keeps: no BVN, name, account number
// or narration survives this step. Failures of the provider are answers (an insight outcome that is
// not ok), never exceptions.

export interface RawCreditChekRecord {
  /** ce_id of the record. */
  ceId: string;
  /** ce_time of the record (RFC 3339). */
  time: string;
  /** The webhook body as JSON (the record's value, parsed). */
  body: unknown;
}

export interface NoScoreReason {
  code: IncomeNoScoreReason;
  detail: string[];
}

export type InsightOutcome = { ok: true; inputs: InsightInputs } | { ok: false; reason: NoScoreReason };

interface Base {
  ceId: string;
  time: string;
  borrowerId: string;
}

export type BorrowerEvent =
  | (Base & { type: 'pdf_upload'; account?: AccountEntry })
  | (Base & { type: 'income_transaction'; account?: AccountEntry; summary: TransactionSummary })
  | (Base & {
      /** income_insight in any form, or income_insight_failure. */
      type: 'insight_outcome';
      insightId?: string;
      accounts: AccountEntry[];
      appIds: string[];
      outcome: InsightOutcome;
    });

type Loose = Record<string, unknown>;
const isRecord = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;
const sortedUnique = (values: readonly (string | undefined)[]): string[] =>
  [...new Set(values.filter((v): v is string => v !== undefined))].sort();

/** The borrower of an insight whose figures broke the contract, read from the body as sent. */
function borrowerOfRawInsight(body: unknown): string | undefined {
  if (!isRecord(body) || body.event !== 'income_insight' || !isRecord(body.data)) return undefined;
  const data = body.data;
  return text(isRecord(data.record) ? data.record.borrowerId : undefined) ?? text(data.borrowerId);
}

function rawAppIds(body: unknown): string[] {
  const data = isRecord(body) && isRecord(body.data) ? body.data : {};
  return sortedUnique([text(data.appId), text(isRecord(data.record) ? data.record.appId : undefined)]);
}

/**
 * The borrower event of a raw CreditChek record; undefined for an event type the model does not use.
 * Throws ContractViolationError when the record cannot belong to a borrower (no borrowerId) or a
 * non-insight event breaks its contract: the consumer dead-letters those.
 */
export function readBorrowerEvent(
  record: RawCreditChekRecord,
  /** Accounts become `acct:` references (ACCOUNT_REF_KEY), never kept as numbers. */
  refs: AccountRefs,
): BorrowerEvent | undefined {
  const base = { ceId: record.ceId, time: record.time };
  let event: ReturnType<typeof parseCreditChekEvent>;
  try {
    event = parseCreditChekEvent(record.body);
  } catch (error) {
    const borrowerId = borrowerOfRawInsight(record.body);
    if (!(error instanceof ContractViolationError) || borrowerId === undefined) throw error;
    // An insight whose figures do not parse ("35%" as DTI, "12abc" as an amount): no score, naming
    // the paths only; the values may be anything, personal data included.
    return {
      ...base,
      borrowerId,
      type: 'insight_outcome',
      accounts: [],
      appIds: rawAppIds(record.body),
      outcome: {
        ok: false,
        reason: { code: 'unparseable_figures', detail: [...new Set(error.issues.map((i) => i.path))] },
      },
    };
  }
  if (!event.known) return undefined;
  switch (event.eventName) {
    case 'pdf_upload': {
      const account = accountEntryOf(refs, event.data.accountNumber, event.data.bankCode, undefined);
      return {
        ...base,
        borrowerId: event.data.borrowerId,
        type: 'pdf_upload',
        ...(account ? { account } : {}),
      };
    }
    case 'income_transaction': {
      const d = event.data;
      const account = accountEntryOf(refs, d.accountNumber, d.bankCode, d.appId);
      return {
        ...base,
        borrowerId: d.borrowerId,
        type: 'income_transaction',
        ...(account ? { account } : {}),
        summary: summariseTransactions(d),
      };
    }
    case 'income_insight_failure': {
      const d = event.data;
      const borrowerId = text(d.borrowerId);
      if (borrowerId === undefined)
        throw new ContractViolationError(
          [{ path: 'data.borrowerId', message: 'required to find the borrower' }],
          'creditchek income_insight_failure',
        );
      const account = accountEntryOf(refs, d.accountNumber, d.bankCode, d.appId);
      return {
        ...base,
        borrowerId,
        type: 'insight_outcome',
        accounts: account ? [account] : [],
        appIds: sortedUnique([text(d.appId)]),
        outcome: { ok: false, reason: { code: 'insight_failed', detail: [] } },
      };
    }
    case 'income_insight': {
      if (event.form === 'failed') {
        const d = event.data;
        const account = accountEntryOf(refs, d.accountNumber, d.bankCode, d.appId);
        return {
          ...base,
          borrowerId: d.borrowerId,
          type: 'insight_outcome',
          accounts: account ? [account] : [],
          appIds: sortedUnique([text(d.appId)]),
          outcome: {
            ok: false,
            reason: { code: 'account_analysis_failed', detail: account ? [account.last4] : [] },
          },
        };
      }
      const insight = creditchekInsightOf(event);
      if (insight === undefined) return undefined;
      const accounts = (insight.linkedFinancialAccounts ?? []).flatMap((linked) => {
        const institution = isRecord(linked.institution) ? linked.institution : {};
        const entry = accountEntryOf(refs, linked.accountNumber, institution.bankCode, linked.appId);
        return entry ? [entry] : [];
      });
      const extracted = insightInputs(insight, event.form === 'record' ? 'data.record.' : 'data.');
      const insightId = event.form === 'record' ? event.data.id : text(insight._id);
      return {
        ...base,
        borrowerId: insight.borrowerId,
        type: 'insight_outcome',
        ...(insightId !== undefined ? { insightId } : {}),
        accounts,
        appIds: sortedUnique([text(insight.appId), ...accounts.flatMap((a) => a.appIds)]),
        outcome: extracted.ok
          ? { ok: true, inputs: extracted.inputs }
          : { ok: false, reason: { code: extracted.code, detail: extracted.detail } },
      };
    }
  }
}
