import { SCHEMA_NAME } from '@ledgerhook/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The one schema the data source's search_path names (LIFECYCLE_PROJECTOR_SCHEMA, `lifecycle` unless
 * a shadow rebuild builds another), created if missing: the tables below are built in it unqualified.
 */
async function projectionSchema(queryRunner: QueryRunner): Promise<string> {
  const [row] = (await queryRunner.query(`SELECT current_setting('search_path') AS path`)) as {
    path: string;
  }[];
  const schema = row?.path ?? '';
  if (!SCHEMA_NAME.test(schema))
    throw new Error(
      `lifecycle-projector's migrations build their tables in the one schema search_path names; it is ${JSON.stringify(schema)} (createServiceDataSource's searchPath)`,
    );
  return schema;
}

/**
 * The `lifecycle` schema (or the shadow a rebuild builds): everything lifecycle-projector derives from the raw provider topics. Every
 * table can be dropped and rebuilt by replaying the topics. Money is `numeric` in major units (exact,
 * scale as sent); `*_key` columns hold the order key of the fact a newest-wins group came from.
 * `*event_count` / `*_event_at` count the events each row absorbed: an application's version and
 * updated_at add up those of its own row, its analyses, its accounts' owner messages and bare lists.
 */
export class CreateLifecycleSchema1795449600000 implements MigrationInterface {
  name = 'CreateLifecycleSchema1795449600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE SCHEMA IF NOT EXISTS ${await projectionSchema(queryRunner)}`,
      `CREATE TABLE credfin_application (
        id                          text        NOT NULL,
        vendor_specific_id          text,
        full_name                   text,
        full_name_key               text,
        email                       text,
        email_key                   text,
        mobile                      text,
        mobile_key                  text,
        progress_rank               smallint    NOT NULL,
        status_rank                 smallint    NOT NULL,
        status                      text        NOT NULL,
        crawler_status              text,
        crawler_status_at           timestamptz,
        crawler_status_key          text,
        failure_reason              text,
        failure_key                 text,
        application_report_ready_at timestamptz,
        summary_report_ready_at     timestamptz,
        summary_pdf_ready_at        timestamptz,
        summary_html_ready_at       timestamptz,
        bundle_ready_at             timestamptz,
        report_json_ready_at        timestamptz,
        analysis_pdf_ready_at       timestamptz,
        analysis_html_ready_at      timestamptz,
        own_event_count             integer     NOT NULL,
        own_first_event_at          timestamptz NOT NULL,
        own_last_event_at           timestamptz NOT NULL,
        version                     integer     NOT NULL,
        created_at                  timestamptz NOT NULL,
        updated_at                  timestamptz NOT NULL,
        CONSTRAINT pk_credfin_application PRIMARY KEY (id)
      )`,
      `CREATE INDEX ix_credfin_application_vendor_specific_id ON credfin_application (vendor_specific_id)`,
      `CREATE INDEX ix_credfin_application_updated_at_id ON credfin_application (updated_at, id)`,
      `CREATE INDEX ix_credfin_application_status_updated_at_id ON credfin_application (status, updated_at, id)`,
      `CREATE TABLE credfin_crawler (
        uuid           text        NOT NULL,
        application_id text,
        bank_id        integer,
        status         text,
        status_at      timestamptz,
        status_key     text,
        first_seen_at  timestamptz NOT NULL,
        CONSTRAINT pk_credfin_crawler PRIMARY KEY (uuid)
      )`,
      `CREATE INDEX ix_credfin_crawler_application_id ON credfin_crawler (application_id)`,
      `CREATE TABLE credfin_crawler_status_change (
        crawler_uuid      text        NOT NULL,
        status            text        NOT NULL,
        status_at         timestamptz NOT NULL,
        application_id    text,
        first_ce_id       text        NOT NULL,
        first_received_at timestamptz NOT NULL,
        CONSTRAINT pk_credfin_crawler_status_change PRIMARY KEY (crawler_uuid, status, status_at)
      )`,
      `CREATE TABLE credfin_account (
        account_ref      text        NOT NULL,
        bsb              text        NOT NULL,
        number           text        NOT NULL,
        numbers_known_at timestamptz,
        available        numeric,
        balance          numeric,
        currency         text,
        balances_as_of   timestamptz,
        balances_key     text,
        first_seen_at    timestamptz NOT NULL,
        list_event_count integer     NOT NULL,
        list_first_at    timestamptz,
        list_last_at     timestamptz,
        CONSTRAINT pk_credfin_account PRIMARY KEY (account_ref)
      )`,
      `CREATE TABLE credfin_application_account (
        application_id text        NOT NULL,
        account_ref    text        NOT NULL,
        linked_at      timestamptz NOT NULL,
        CONSTRAINT pk_credfin_application_account PRIMARY KEY (application_id, account_ref)
      )`,
      `CREATE INDEX ix_credfin_application_account_account_ref ON credfin_application_account (account_ref)`,
      `CREATE TABLE credfin_account_owner (
        account_ref   text        NOT NULL,
        bsb           text,
        number        text,
        status        text,
        error_message text,
        file_location text,
        owners        jsonb,
        addresses     jsonb,
        emails        jsonb,
        phones        jsonb,
        received_at   timestamptz,
        owner_key     text,
        first_seen_at timestamptz NOT NULL,
        event_count   integer     NOT NULL,
        last_event_at timestamptz NOT NULL,
        CONSTRAINT pk_credfin_account_owner PRIMARY KEY (account_ref)
      )`,
      `CREATE TABLE credfin_analysis (
        analysis_id        bigint      NOT NULL,
        vendor_specific_id text,
        report_ready_at    timestamptz,
        pdf_ready_at       timestamptz,
        html_ready_at      timestamptz,
        first_seen_at      timestamptz NOT NULL,
        event_count        integer     NOT NULL,
        last_event_at      timestamptz NOT NULL,
        CONSTRAINT pk_credfin_analysis PRIMARY KEY (analysis_id)
      )`,
      `CREATE INDEX ix_credfin_analysis_vendor_specific_id ON credfin_analysis (vendor_specific_id)`,
      `CREATE TABLE crawler_seed (
        ce_id              text        NOT NULL,
        application_id     text        NOT NULL,
        vendor_specific_id text,
        crawler_uuids      text[]      NOT NULL,
        key_id             text        NOT NULL,
        iv                 bytea       NOT NULL,
        auth_tag           bytea       NOT NULL,
        ciphertext         bytea       NOT NULL,
        provider_time      timestamptz,
        received_at        timestamptz NOT NULL,
        CONSTRAINT pk_crawler_seed PRIMARY KEY (ce_id)
      )`,
      `CREATE INDEX ix_crawler_seed_application_id ON crawler_seed (application_id, received_at)`,
      `CREATE TABLE bridge_user (
        user_uuid     uuid        NOT NULL,
        first_seen_at timestamptz NOT NULL,
        last_event_at timestamptz NOT NULL,
        deleted_at    timestamptz,
        CONSTRAINT pk_bridge_user PRIMARY KEY (user_uuid)
      )`,
      `CREATE TABLE bridge_item (
        item_id                   bigint      NOT NULL,
        user_uuid                 uuid,
        status_code               integer,
        status_code_info          text,
        refresh_trigger           text,
        full_refresh              boolean,
        account_types             text,
        authentication_expires_at timestamptz,
        last_refreshed_at         timestamptz,
        refresh_key               text,
        created_at                timestamptz,
        first_seen_at             timestamptz NOT NULL,
        last_event_at             timestamptz NOT NULL,
        deleted_at                timestamptz,
        CONSTRAINT pk_bridge_item PRIMARY KEY (item_id)
      )`,
      `CREATE INDEX ix_bridge_item_user_uuid ON bridge_item (user_uuid)`,
      `CREATE TABLE bridge_account (
        account_id              bigint      NOT NULL,
        item_id                 bigint,
        user_uuid               uuid,
        balance                 numeric,
        currency                text,
        balance_as_of           timestamptz,
        nb_new_transactions     integer,
        nb_updated_transactions integer,
        nb_deleted_transactions integer,
        balance_key             text,
        created_at              timestamptz,
        first_seen_at           timestamptz NOT NULL,
        last_event_at           timestamptz NOT NULL,
        deleted_at              timestamptz,
        CONSTRAINT pk_bridge_account PRIMARY KEY (account_id)
      )`,
      `CREATE INDEX ix_bridge_account_item_id ON bridge_account (item_id)`,
      `CREATE TABLE bridge_payment_transaction (
        payment_transaction_id text        NOT NULL,
        payment_request_id     text,
        payment_link_id        text,
        client_reference       text,
        end_to_end_id          text,
        item_id                bigint,
        user_uuid              uuid,
        status                 text,
        status_reason          text,
        status_at              timestamptz,
        status_key             text,
        created_at             timestamptz,
        first_seen_at          timestamptz NOT NULL,
        last_event_at          timestamptz NOT NULL,
        CONSTRAINT pk_bridge_payment_transaction PRIMARY KEY (payment_transaction_id)
      )`,
      `CREATE INDEX ix_bridge_payment_transaction_payment_request_id ON bridge_payment_transaction (payment_request_id)`,
      `CREATE INDEX ix_bridge_payment_transaction_user_uuid ON bridge_payment_transaction (user_uuid)`,
      `CREATE INDEX ix_bridge_payment_transaction_item_id ON bridge_payment_transaction (item_id)`,
      `CREATE TABLE timeline_entry (
        ce_id              text        NOT NULL,
        provider           text        NOT NULL,
        event_type         text        NOT NULL,
        subject            text        NOT NULL,
        dedup_key          text        NOT NULL,
        application_id     text,
        vendor_specific_id text,
        account_refs       text[],
        analysis_id        bigint,
        bridge_item_id     bigint,
        bridge_user_uuid   uuid,
        bridge_account_id  bigint,
        provider_time      timestamptz,
        received_at        timestamptz NOT NULL,
        CONSTRAINT uq_timeline_entry_ce_id PRIMARY KEY (ce_id)
      )`,
      `CREATE INDEX ix_timeline_entry_application_id ON timeline_entry (application_id, received_at)`,
      `CREATE INDEX ix_timeline_entry_vendor_specific_id ON timeline_entry (vendor_specific_id, received_at)`,
      // fastupdate off: a GIN pending list is scanned linearly by every lookup, and the projection
      // looks accounts up in every batch (application versions), right after inserting.
      `CREATE INDEX ix_timeline_entry_account_refs ON timeline_entry USING gin (account_refs)
         WITH (fastupdate = off)`,
      `CREATE INDEX ix_timeline_entry_bridge_item_id ON timeline_entry (bridge_item_id, received_at)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA IF EXISTS ${await projectionSchema(queryRunner)} CASCADE`);
  }
}
