import type { IdentityCore } from '../shared/event-identity';
import { idValue, isRecord, safeIdPart } from '../shared/safe-id';
import { isBridgeEventName } from './bridge-event';

// Key: item_id, else user_uuid, else the payment ids (a payment request groups its transactions, so
// it comes first), else transfer ids. Subject: the most specific entity the event is about.
const KEY_FIELDS: readonly [field: string, prefix: string][] = [
  ['item_id', 'item'],
  ['user_uuid', 'user'],
  ['payment_request_id', 'payment-request'],
  ['payment_link_id', 'payment-link'],
  ['payment_transaction_id', 'payment-transaction'],
  ['transfer_id', 'transfer'],
  ['transfer_account_id', 'transfer-account'],
];
const SUBJECT_FIELDS: readonly [field: string, prefix: string][] = [
  ['account_id', 'account'],
  ['payment_transaction_id', 'payment-transaction'],
  ['payment_link_id', 'payment-link'],
  ['payment_request_id', 'payment-request'],
  ['transfer_id', 'transfer'],
  ['transfer_account_id', 'transfer-account'],
  ['item_id', 'item'],
  ['user_uuid', 'user'],
];

function firstId(content: Record<string, unknown>, fields: readonly [string, string][]): string | undefined {
  for (const [field, prefix] of fields) {
    const value = idValue(content[field]);
    if (value !== undefined) return `${prefix}:${safeIdPart(value)}`;
  }
  return undefined;
}

export function bridgeIdentity(body: Record<string, unknown>): IdentityCore | { error: string } {
  const eventName = body.type;
  if (typeof eventName !== 'string' || eventName === '')
    return { error: 'bridge body has no string "type" field' };
  const known = isBridgeEventName(eventName);
  const content = body.content;
  if (!isRecord(content)) return { eventName, known };
  return {
    eventName,
    known,
    subject: firstId(content, SUBJECT_FIELDS),
    partitionKey: firstId(content, KEY_FIELDS),
  };
}
