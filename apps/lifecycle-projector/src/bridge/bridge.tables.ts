import type { ColumnSpec, ColumnType, MergeRule, TableSpec } from '../projection/merge-upsert';

// How each Bridge table merges a new fact with what it holds (see projection/merge-upsert.ts).
const key: MergeRule = { kind: 'key' };
const least: MergeRule = { kind: 'least' };
const greatest: MergeRule = { kind: 'greatest' };
const newest = (keyColumn: string): MergeRule => ({ kind: 'newest', keyColumn });
const col = (name: string, type: ColumnType, rule: MergeRule): ColumnSpec => ({ name, type, rule });

export const BRIDGE_USER_TABLE: TableSpec = {
  table: 'lifecycle.bridge_user',
  columns: [
    col('user_uuid', 'uuid', key),
    col('first_seen_at', 'timestamptz', least),
    col('last_event_at', 'timestamptz', greatest),
    col('deleted_at', 'timestamptz', least),
  ],
};

export const BRIDGE_ITEM_TABLE: TableSpec = {
  table: 'lifecycle.bridge_item',
  columns: [
    col('item_id', 'bigint', key),
    col('user_uuid', 'uuid', least),
    ...(
      [
        ['status_code', 'integer'],
        ['status_code_info', 'text'],
        ['refresh_trigger', 'text'],
        ['full_refresh', 'boolean'],
        ['account_types', 'text'],
        ['authentication_expires_at', 'timestamptz'],
        ['last_refreshed_at', 'timestamptz'],
        ['refresh_key', 'text'],
      ] as const
    ).map(([name, type]) => col(name, type, newest('refresh_key'))),
    col('created_at', 'timestamptz', least),
    col('first_seen_at', 'timestamptz', least),
    col('last_event_at', 'timestamptz', greatest),
    col('deleted_at', 'timestamptz', least),
  ],
};

export const BRIDGE_ACCOUNT_TABLE: TableSpec = {
  table: 'lifecycle.bridge_account',
  columns: [
    col('account_id', 'bigint', key),
    col('item_id', 'bigint', least),
    col('user_uuid', 'uuid', least),
    ...(
      [
        ['balance', 'numeric'],
        ['currency', 'text'],
        ['balance_as_of', 'timestamptz'],
        ['nb_new_transactions', 'integer'],
        ['nb_updated_transactions', 'integer'],
        ['nb_deleted_transactions', 'integer'],
        ['balance_key', 'text'],
      ] as const
    ).map(([name, type]) => col(name, type, newest('balance_key'))),
    col('created_at', 'timestamptz', least),
    col('first_seen_at', 'timestamptz', least),
    col('last_event_at', 'timestamptz', greatest),
    col('deleted_at', 'timestamptz', least),
  ],
};

export const BRIDGE_PAYMENT_TRANSACTION_TABLE: TableSpec = {
  table: 'lifecycle.bridge_payment_transaction',
  columns: [
    col('payment_transaction_id', 'text', key),
    col('payment_request_id', 'text', least),
    col('payment_link_id', 'text', least),
    col('client_reference', 'text', least),
    col('end_to_end_id', 'text', least),
    col('item_id', 'bigint', least),
    col('user_uuid', 'uuid', least),
    col('status', 'text', newest('status_key')),
    col('status_reason', 'text', newest('status_key')),
    col('status_at', 'timestamptz', newest('status_key')),
    col('status_key', 'text', newest('status_key')),
    col('created_at', 'timestamptz', least),
    col('first_seen_at', 'timestamptz', least),
    col('last_event_at', 'timestamptz', greatest),
  ],
};
