import { z } from 'zod';
import { ContractViolationError } from '../shared/contract-violation-error';
import type { EventContract, UnknownProviderEvent } from '../shared/event-contract';
import { parseWith } from '../shared/parse-with';
import { isRecord } from '../shared/safe-id';
import {
  bridgeAccountContentSchema,
  bridgeAccountDeletedContentSchema,
  bridgeAccountUpdatedContentSchema,
} from './account-content.schema';
import { bridgeTimestampToIso } from './bridge-timestamp';
import {
  bridgeItemContentSchema,
  bridgeItemRefreshedContentSchema,
  bridgeTestEventContentSchema,
  bridgeUserContentSchema,
} from './item-content.schema';
import {
  bridgePaymentLinkContentSchema,
  bridgePaymentTransactionContentSchema,
  bridgePaymentTransactionUpdatedContentSchema,
  bridgeTransferContentSchema,
} from './payment-content.schema';

// Bridge envelope: { "content": { ... }, "timestamp": <ms or s>, "type": "<name>" }.

function envelope<N extends string, C extends z.ZodType>(name: N, content: C, description: string) {
  return z
    .looseObject({
      content,
      timestamp: z.number().nonnegative().meta({ description: 'Unix milliseconds (seconds in TEST_EVENT)' }),
      type: z.literal(name),
    })
    .meta({ title: `bridge ${name}`, description });
}

export const bridgeEventSchemas = {
  TEST_EVENT: envelope('TEST_EVENT', bridgeTestEventContentSchema, 'Sent by "Send a test" in the dashboard.'),
  'user.deleted': envelope('user.deleted', bridgeUserContentSchema, 'A user was deleted.'),
  'item.created': envelope('item.created', bridgeItemContentSchema, 'An item (bank connection) was created.'),
  'item.refreshed': envelope('item.refreshed', bridgeItemRefreshedContentSchema, 'An item was refreshed.'),
  'item.deleted': envelope('item.deleted', bridgeItemContentSchema, 'An item was deleted.'),
  'item.account.created': envelope(
    'item.account.created',
    bridgeAccountContentSchema,
    'A new account was found on an item.',
  ),
  'item.account.updated': envelope(
    'item.account.updated',
    bridgeAccountUpdatedContentSchema,
    'Transactions were added/updated/deleted or the balance changed.',
  ),
  'item.account.deleted': envelope(
    'item.account.deleted',
    bridgeAccountDeletedContentSchema,
    'An account is no longer updated by the bank.',
  ),
  'payment.transaction.created': envelope(
    'payment.transaction.created',
    bridgePaymentTransactionContentSchema,
    'A payment transaction was created.',
  ),
  'payment.transaction.updated': envelope(
    'payment.transaction.updated',
    bridgePaymentTransactionUpdatedContentSchema,
    'A payment transaction changed status.',
  ),
  'payment.link.updated': envelope(
    'payment.link.updated',
    bridgePaymentLinkContentSchema,
    'A payment link was updated.',
  ),
  'transfer.account.created': envelope(
    'transfer.account.created',
    bridgeTransferContentSchema,
    'A transfer account was created (name not verified against Bridge docs).',
  ),
  'transfer.account.updated': envelope(
    'transfer.account.updated',
    bridgeTransferContentSchema,
    'A transfer account was updated (name not verified against Bridge docs).',
  ),
  'transfer.created': envelope(
    'transfer.created',
    bridgeTransferContentSchema,
    'A transfer was created (name not verified against Bridge docs).',
  ),
  'transfer.updated': envelope(
    'transfer.updated',
    bridgeTransferContentSchema,
    'A transfer was updated (name not verified against Bridge docs).',
  ),
  // Legacy upper-case names of an older API version: same content as their modern equivalents.
  ITEM_CREATED: envelope('ITEM_CREATED', bridgeItemContentSchema, 'Legacy name of item.created.'),
  ACCOUNT_CREATED: envelope(
    'ACCOUNT_CREATED',
    bridgeAccountContentSchema,
    'Legacy name of item.account.created.',
  ),
  ACCOUNT_UPDATED: envelope(
    'ACCOUNT_UPDATED',
    bridgeAccountUpdatedContentSchema,
    'Legacy name of item.account.updated.',
  ),
} as const;

type BridgeSchemas = typeof bridgeEventSchemas;
export type BridgeEventName = keyof BridgeSchemas;
export const BRIDGE_EVENT_NAMES = Object.keys(bridgeEventSchemas) as BridgeEventName[];

/** Legacy name -> modern name; a consumer can switch on `canonicalName` and ignore the difference. */
export const BRIDGE_LEGACY_EVENT_NAMES = {
  ITEM_CREATED: 'item.created',
  ACCOUNT_CREATED: 'item.account.created',
  ACCOUNT_UPDATED: 'item.account.updated',
} as const satisfies Partial<Record<BridgeEventName, BridgeEventName>>;

export function isBridgeEventName(name: string): name is BridgeEventName {
  return Object.hasOwn(bridgeEventSchemas, name);
}

export function canonicalBridgeEventName(name: BridgeEventName): BridgeEventName {
  return Object.hasOwn(BRIDGE_LEGACY_EVENT_NAMES, name)
    ? BRIDGE_LEGACY_EVENT_NAMES[name as keyof typeof BRIDGE_LEGACY_EVENT_NAMES]
    : name;
}

export type BridgeKnownEvent = {
  [K in BridgeEventName]: {
    provider: 'bridge';
    known: true;
    /** The type as sent (legacy names kept). */
    eventName: K;
    canonicalName: BridgeEventName;
    content: z.output<BridgeSchemas[K]>['content'];
    /** The envelope timestamp as sent (ms or s). */
    timestamp: number;
    /** The timestamp normalised to RFC 3339 UTC. */
    occurredAt: string;
  };
}[BridgeEventName];

export type BridgeEvent = BridgeKnownEvent | UnknownProviderEvent<'bridge'>;

/**
 * Typed Bridge event. Unknown types give `{ known: false }`; a known type whose required fields are
 * invalid throws ContractViolationError naming the field paths.
 */
export function parseBridgeEvent(body: unknown): BridgeEvent {
  if (!isRecord(body))
    throw new ContractViolationError([{ path: '', message: 'expected a JSON object' }], 'bridge');
  const eventName = body.type;
  if (typeof eventName !== 'string') {
    throw new ContractViolationError([{ path: 'type', message: 'expected string' }], 'bridge');
  }
  if (!isBridgeEventName(eventName)) return { provider: 'bridge', known: false, eventName, body };
  const parsed = parseWith(bridgeEventSchemas[eventName], body, `bridge ${eventName}`) as {
    content: unknown;
    timestamp: number;
  };
  return {
    provider: 'bridge',
    known: true,
    eventName,
    canonicalName: canonicalBridgeEventName(eventName),
    content: parsed.content,
    timestamp: parsed.timestamp,
    occurredAt: bridgeTimestampToIso(parsed.timestamp),
  } as BridgeKnownEvent;
}

const KEY =
  'item:<item_id>, else user:<user_uuid>, else payment-request:<id> / payment-link:<id> / payment-transaction:<id> / transfer:<id> / transfer-account:<id>';

function subjectOf(name: BridgeEventName): string {
  const canonical = canonicalBridgeEventName(name);
  if (canonical.startsWith('item.account.')) return 'account:<account_id>';
  if (canonical.startsWith('item.') || canonical === 'TEST_EVENT') return 'item:<item_id>';
  if (canonical === 'user.deleted') return 'user:<user_uuid>';
  if (canonical.startsWith('payment.transaction.')) return 'payment-transaction:<payment_transaction_id>';
  if (canonical === 'payment.link.updated') return 'payment-link:<payment_link_id>';
  return 'transfer:<transfer_id>, else transfer-account:<transfer_account_id>';
}

export const BRIDGE_EVENT_CONTRACTS: readonly EventContract[] = BRIDGE_EVENT_NAMES.map((eventName) => {
  const schema = bridgeEventSchemas[eventName];
  return {
    provider: 'bridge' as const,
    eventName,
    summary: schema.meta()?.description ?? eventName,
    schema,
    key: KEY,
    subject: subjectOf(eventName),
  };
});
