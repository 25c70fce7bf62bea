import type { ColumnSpec, ColumnType, MergeRule, TableSpec } from '../projection/merge-upsert';

// How each Credfin table merges a new fact with what it holds (see projection/merge-upsert.ts).
const key: MergeRule = { kind: 'key' };
const least: MergeRule = { kind: 'least' };
const greatest: MergeRule = { kind: 'greatest' };
const first: MergeRule = { kind: 'first' };
const sum: MergeRule = { kind: 'sum' };
const newest = (keyColumn: string): MergeRule => ({ kind: 'newest', keyColumn });
const col = (name: string, type: ColumnType, rule: MergeRule): ColumnSpec => ({ name, type, rule });

export const CREDFIN_APPLICATION_TABLE: TableSpec = {
  table: 'lifecycle.credfin_application',
  columns: [
    col('id', 'text', key),
    col('vendor_specific_id', 'text', least),
    col('full_name', 'text', newest('full_name_key')),
    col('full_name_key', 'text', newest('full_name_key')),
    col('email', 'text', newest('email_key')),
    col('email_key', 'text', newest('email_key')),
    col('mobile', 'text', newest('mobile_key')),
    col('mobile_key', 'text', newest('mobile_key')),
    col('progress_rank', 'smallint', greatest),
    // Events naming the application itself (id in the payload).
    col('own_event_count', 'integer', sum),
    col('own_first_event_at', 'timestamptz', least),
    col('own_last_event_at', 'timestamptz', greatest),
    // Derived columns: written on insert, recomputed for every touched application (finalizer).
    col('status_rank', 'smallint', first),
    col('status', 'text', first),
    col('version', 'integer', first),
    col('created_at', 'timestamptz', first),
    col('updated_at', 'timestamptz', first),
    col('crawler_status', 'text', newest('crawler_status_key')),
    col('crawler_status_at', 'timestamptz', newest('crawler_status_key')),
    col('crawler_status_key', 'text', newest('crawler_status_key')),
    col('failure_reason', 'text', newest('failure_key')),
    col('failure_key', 'text', newest('failure_key')),
    col('application_report_ready_at', 'timestamptz', least),
    col('summary_report_ready_at', 'timestamptz', least),
    col('summary_pdf_ready_at', 'timestamptz', least),
    col('summary_html_ready_at', 'timestamptz', least),
    col('bundle_ready_at', 'timestamptz', least),
  ],
};

export const CREDFIN_CRAWLER_TABLE: TableSpec = {
  table: 'lifecycle.credfin_crawler',
  columns: [
    col('uuid', 'text', key),
    col('application_id', 'text', least),
    col('bank_id', 'integer', least),
    col('status', 'text', newest('status_key')),
    col('status_at', 'timestamptz', newest('status_key')),
    col('status_key', 'text', newest('status_key')),
    col('first_seen_at', 'timestamptz', least),
  ],
};

export const CREDFIN_CRAWLER_STATUS_CHANGE_TABLE: TableSpec = {
  table: 'lifecycle.credfin_crawler_status_change',
  columns: [
    col('crawler_uuid', 'text', key),
    col('status', 'text', key),
    col('status_at', 'timestamptz', key),
    col('application_id', 'text', least),
    col('first_ce_id', 'text', least),
    col('first_received_at', 'timestamptz', least),
  ],
};

export const CREDFIN_ACCOUNT_TABLE: TableSpec = {
  table: 'lifecycle.credfin_account',
  columns: [
    col('account_ref', 'text', key),
    col('bsb', 'text', least),
    col('number', 'text', least),
    col('numbers_known_at', 'timestamptz', least),
    col('available', 'numeric', newest('balances_key')),
    col('balance', 'numeric', newest('balances_key')),
    col('currency', 'text', newest('balances_key')),
    col('balances_as_of', 'timestamptz', newest('balances_key')),
    col('balances_key', 'text', newest('balances_key')),
    col('first_seen_at', 'timestamptz', least),
    // Bare account lists (no application id) that named this account.
    col('list_event_count', 'integer', sum),
    col('list_first_at', 'timestamptz', least),
    col('list_last_at', 'timestamptz', greatest),
  ],
};

export const CREDFIN_APPLICATION_ACCOUNT_TABLE: TableSpec = {
  table: 'lifecycle.credfin_application_account',
  columns: [
    col('application_id', 'text', key),
    col('account_ref', 'text', key),
    col('linked_at', 'timestamptz', least),
  ],
};

export const CREDFIN_ACCOUNT_OWNER_TABLE: TableSpec = {
  table: 'lifecycle.credfin_account_owner',
  columns: [
    col('account_ref', 'text', key),
    ...(
      [
        ['bsb', 'text'],
        ['number', 'text'],
        ['status', 'text'],
        ['error_message', 'text'],
        ['file_location', 'text'],
        ['owners', 'jsonb'],
        ['addresses', 'jsonb'],
        ['emails', 'jsonb'],
        ['phones', 'jsonb'],
        ['received_at', 'timestamptz'],
        ['owner_key', 'text'],
      ] as const
    ).map(([name, type]) => col(name, type, newest('owner_key'))),
    col('first_seen_at', 'timestamptz', least),
    col('event_count', 'integer', sum),
    col('last_event_at', 'timestamptz', greatest),
  ],
};

export const CREDFIN_ANALYSIS_TABLE: TableSpec = {
  table: 'lifecycle.credfin_analysis',
  columns: [
    col('analysis_id', 'bigint', key),
    col('vendor_specific_id', 'text', least),
    col('report_ready_at', 'timestamptz', least),
    col('pdf_ready_at', 'timestamptz', least),
    col('html_ready_at', 'timestamptz', least),
    col('first_seen_at', 'timestamptz', least),
    col('event_count', 'integer', sum),
    col('last_event_at', 'timestamptz', greatest),
  ],
};

export const CRAWLER_SEED_TABLE: TableSpec = {
  table: 'lifecycle.crawler_seed',
  columns: [
    col('ce_id', 'text', key),
    ...(
      [
        ['application_id', 'text'],
        ['vendor_specific_id', 'text'],
        ['crawler_uuids', 'text[]'],
        ['key_id', 'text'],
        ['iv', 'bytea'],
        ['auth_tag', 'bytea'],
        ['ciphertext', 'bytea'],
        ['provider_time', 'timestamptz'],
        ['received_at', 'timestamptz'],
      ] as const
    ).map(([name, type]) => col(name, type, first)),
  ],
};
