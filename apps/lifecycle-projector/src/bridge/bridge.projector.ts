import { type BridgeEvent, moneyToMajorString } from '@ledgerhook/contracts';
import type { InboundEvent } from '@ledgerhook/consumer';
import type { EntityManager } from 'typeorm';
import { type EventContext, eventContext } from '../events/event-context';
import { canonicalTime } from '../events/event-time';
import { RowFold, upsertRows } from '../merge/merge-upsert';
import type { RowOf } from '../merge/table-spec';
import type { TimelineEntry } from '../timeline/timeline-entry.entity';
import type { BridgeAccount } from './bridge-account.entity';
import type { BridgeItem } from './bridge-item.entity';
import type { BridgePaymentTransaction } from './bridge-payment-transaction.entity';
import {
  BRIDGE_ACCOUNT_TABLE,
  BRIDGE_ITEM_TABLE,
  BRIDGE_PAYMENT_TRANSACTION_TABLE,
  BRIDGE_USER_TABLE,
} from './bridge.tables';

type KnownBridge = Extract<BridgeEvent, { known: true }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function intId(value: unknown): string | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
}

function uuid(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Folds a batch of Bridge events (canonical names: legacy ITEM_CREATED / ACCOUNT_* map to item.*).
 * Deleted users, items and accounts only get deleted_at: a late event for them is applied like any
 * other (newest data still wins by provider time) and recorded in the timeline, never an error.
 */
export class BridgeProjector {
  private readonly users = new RowFold(BRIDGE_USER_TABLE);
  private readonly items = new RowFold(BRIDGE_ITEM_TABLE);
  private readonly accounts = new RowFold(BRIDGE_ACCOUNT_TABLE);
  private readonly payments = new RowFold(BRIDGE_PAYMENT_TRANSACTION_TABLE);

  /** The timeline row of an event: the ids its content names (read defensively for unknown types). */
  static timelineRow(event: InboundEvent): RowOf<TimelineEntry> {
    const parsed = event.event as BridgeEvent;
    const content = parsed.known
      ? (parsed.content as Record<string, unknown>)
      : isRecord(parsed.body)
        ? parsed.body.content
        : undefined;
    const provider_time = parsed.known ? parsed.occurredAt : null;
    if (!isRecord(content)) return { provider_time };
    return {
      bridge_item_id: intId(content.item_id),
      bridge_user_uuid: uuid(content.user_uuid),
      bridge_account_id: intId(content.account_id),
      provider_time,
    };
  }

  add(event: InboundEvent): void {
    const parsed = event.event as BridgeEvent;
    if (!parsed.known) return;
    const context = eventContext(event, parsed.occurredAt);
    const content = parsed.content as Record<string, unknown>;
    const userUuid = uuid(content.user_uuid);
    const itemId = intId(content.item_id);
    if (userUuid && parsed.canonicalName !== 'TEST_EVENT') {
      this.users.add({
        user_uuid: userUuid,
        first_seen_at: context.asOf,
        last_event_at: context.asOf,
        deleted_at: parsed.canonicalName === 'user.deleted' ? context.asOf : null,
      });
    }
    switch (parsed.canonicalName) {
      case 'item.created':
      case 'item.refreshed':
      case 'item.deleted':
        return this.addItem(parsed, context, itemId, userUuid);
      case 'item.account.created':
      case 'item.account.updated':
      case 'item.account.deleted':
        if (itemId) this.items.add(this.itemRow(context, itemId, userUuid));
        return this.addAccount(parsed, context, content, itemId, userUuid);
      case 'payment.transaction.created':
      case 'payment.transaction.updated':
        return this.addPayment(parsed, context, content, itemId, userUuid);
      default:
        // TEST_EVENT, payment links, transfers: recorded in the timeline only.
        return;
    }
  }

  private itemRow(context: EventContext, itemId: string, userUuid: string | null): RowOf<BridgeItem> {
    return { item_id: itemId, user_uuid: userUuid, first_seen_at: context.asOf, last_event_at: context.asOf };
  }

  private addItem(
    parsed: KnownBridge,
    context: EventContext,
    itemId: string | null,
    userUuid: string | null,
  ): void {
    if (!itemId) return;
    const row = this.itemRow(context, itemId, userUuid);
    if (parsed.canonicalName === 'item.created') row.created_at = context.asOf;
    if (parsed.canonicalName === 'item.deleted') row.deleted_at = context.asOf;
    if (parsed.eventName === 'item.refreshed') {
      const content = parsed.content;
      Object.assign(row, {
        status_code: content.status_code ?? null,
        status_code_info: content.status_code_info ?? null,
        refresh_trigger: content.refresh_trigger ?? null,
        full_refresh: content.full_refresh ?? null,
        // A string in most examples, an array in others: stored as comma-separated text either way.
        account_types: Array.isArray(content.account_types)
          ? content.account_types.join(',')
          : (content.account_types ?? null),
        authentication_expires_at: canonicalTime(content.authentication_expires_at) ?? null,
        last_refreshed_at: context.asOf,
        refresh_key: context.key,
      });
    }
    this.items.add(row);
  }

  private addAccount(
    parsed: KnownBridge,
    context: EventContext,
    content: Record<string, unknown>,
    itemId: string | null,
    userUuid: string | null,
  ): void {
    const accountId = intId(content.account_id);
    if (!accountId) return;
    const row: RowOf<BridgeAccount> = {
      account_id: accountId,
      item_id: itemId,
      user_uuid: userUuid,
      first_seen_at: context.asOf,
      last_event_at: context.asOf,
    };
    if (parsed.canonicalName === 'item.account.created') row.created_at = context.asOf;
    if (parsed.canonicalName === 'item.account.deleted') {
      row.deleted_at = context.asOf;
    } else {
      // An absent value is no fact: each group is written only when the event carries it, so a
      // balance-less update never nulls a stored balance (and counts never null the balance's).
      const balance = (parsed.content as { balance?: Parameters<typeof moneyToMajorString>[0] }).balance;
      if (balance) {
        Object.assign(row, {
          balance: moneyToMajorString(balance),
          currency: balance.currency,
          balance_as_of: context.asOf,
          balance_key: context.key,
        });
      }
      const counts = ['nb_new_transactions', 'nb_updated_transactions', 'nb_deleted_transactions'] as const;
      if (counts.some((field) => typeof content[field] === 'number')) {
        for (const field of counts) row[field] = typeof content[field] === 'number' ? content[field] : null;
        row.transactions_key = context.key;
      }
    }
    this.accounts.add(row);
  }

  private addPayment(
    parsed: KnownBridge,
    context: EventContext,
    content: Record<string, unknown>,
    itemId: string | null,
    userUuid: string | null,
  ): void {
    const id = text(content.payment_transaction_id);
    if (!id) return;
    const row: RowOf<BridgePaymentTransaction> = {
      payment_transaction_id: id,
      payment_request_id: text(content.payment_request_id),
      payment_link_id: text(content.payment_link_id),
      client_reference: text(content.client_reference),
      end_to_end_id: text(content.end_to_end_id),
      item_id: itemId,
      user_uuid: userUuid,
      first_seen_at: context.asOf,
      last_event_at: context.asOf,
    };
    if (parsed.canonicalName === 'payment.transaction.created') {
      row.created_at = context.asOf;
    } else {
      Object.assign(row, {
        status: text(content.status),
        status_reason: text(content.status_reason),
        status_at: context.asOf,
        status_key: context.key,
      });
    }
    this.payments.add(row);
  }

  async write(manager: EntityManager): Promise<void> {
    await upsertRows(manager, BRIDGE_USER_TABLE, this.users.values());
    await upsertRows(manager, BRIDGE_ITEM_TABLE, this.items.values());
    await upsertRows(manager, BRIDGE_ACCOUNT_TABLE, this.accounts.values());
    await upsertRows(manager, BRIDGE_PAYMENT_TRANSACTION_TABLE, this.payments.values());
  }
}
