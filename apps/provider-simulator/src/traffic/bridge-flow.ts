import { createHash } from 'node:crypto';

// Bridge's AIS events for one item (bank connection), in the shapes of seed 002: the item is created,
// refreshed, its account created with a balance (euros, a JSON number) and updated with new
// transactions. Timestamps in milliseconds, rising from `startedAt`.

export type BridgeWebhook = { type: string; timestamp: number; content: Record<string, unknown> };

export interface SimulatedItem {
  itemId: number;
  accountId: number;
  userUuid: string;
  /** Euros with two decimals, as the projection should show it. */
  balance: string;
  newTransactions: number;
}

export function simulatedItem(itemId: number): SimulatedItem {
  const hex = createHash('sha256').update(`bridge:${itemId}`).digest('hex');
  const cents = 1_000 + (parseInt(hex.slice(0, 8), 16) % 500_000);
  return {
    itemId,
    accountId: itemId * 10 + 1,
    userUuid: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`,
    balance: (cents / 100).toFixed(2),
    newTransactions: 1 + (parseInt(hex.slice(8, 10), 16) % 20),
  };
}

export function bridgeEvents(item: SimulatedItem, startedAt: number): BridgeWebhook[] {
  const base = { item_id: item.itemId, user_uuid: item.userUuid };
  const account = { ...base, account_id: item.accountId, balance: Number(item.balance) };
  return [
    { type: 'item.created', timestamp: startedAt, content: base },
    {
      type: 'item.refreshed',
      timestamp: startedAt + 1_000,
      content: {
        ...base,
        account_types: 'payment',
        full_refresh: true,
        refresh_trigger: 'connect',
        status_code: 0,
        status_code_info: null,
      },
    },
    { type: 'item.account.created', timestamp: startedAt + 2_000, content: account },
    {
      type: 'item.account.updated',
      timestamp: startedAt + 3_000,
      content: {
        ...account,
        nb_new_transactions: item.newTransactions,
        nb_updated_transactions: 0,
        nb_deleted_transactions: 0,
      },
    },
  ];
}
