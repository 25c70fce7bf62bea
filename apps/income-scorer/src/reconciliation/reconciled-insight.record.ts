import {
  type AccountRefs,
  ContractViolationError,
  parseCreditChekEvent,
  providerRecord,
  safeIdPart,
  TOPICS,
  uuidv7From,
} from '@ledgerhook/contracts';

/** ce_source `/providers/creditchek/reconciler`: fetched by the platform, not received. */
export const RECONCILER_ORIGIN = 'reconciler';

export interface ReconciledInsightRecord {
  topic: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  ceId: string;
  dedupKey: string;
}

export type ReconciledInsight = { ok: true; record: ReconciledInsightRecord } | { ok: false; reason: string };

/**
 * The `webhooks.creditchek.v1` record of an insight fetched from CreditChek's API: the webhook CreditChek
 * would have sent (`{"event":"income_insight","data":<the answer's data>}`), keyed, identified and
 * deduplicated by the ingress's own functions (providerRecord), so consumers read it like the webhook.
 *
 * Deterministic: the same data for the same upload gives the same bytes, dedup key and ce_id (a UUIDv7
 * of the upload's time and the dedup key), so a second run, or a crash between the send and the
 * ledger, publishes a record the consumers' inbox already holds. Strict: an insight that breaks the
 * contract, or names another borrower, is refused here rather than dead-lettered downstream.
 */
export function reconciledInsight(
  borrowerId: string,
  uploadedAt: Date,
  data: Record<string, unknown>,
  fetchedAt: Date,
  refs: AccountRefs,
): ReconciledInsight {
  const body = { event: 'income_insight', data };
  try {
    parseCreditChekEvent(body);
  } catch (error) {
    if (error instanceof ContractViolationError)
      // Paths and rules only: the message never quotes the values (an insight holds personal data).
      return { ok: false, reason: `the insight breaks the contract: ${error.message}` };
    throw error;
  }
  const record = providerRecord('creditchek', Buffer.from(JSON.stringify(body)), {
    receivedAt: fetchedAt,
    refs,
    origin: RECONCILER_ORIGIN,
    idFor: (identity) => uuidv7From(`${RECONCILER_ORIGIN}:${identity.dedupKey}`, uploadedAt.getTime()),
  });
  if (record.identity.partitionKey !== `borrower:${safeIdPart(borrowerId)}`)
    return { ok: false, reason: 'the insight is keyed to another borrower than the one asked for' };
  return {
    ok: true,
    record: {
      topic: TOPICS.creditchekRaw,
      key: record.key,
      value: record.value,
      headers: record.headers,
      ceId: record.headers.ce_id as string,
      dedupKey: record.identity.dedupKey,
    },
  };
}
