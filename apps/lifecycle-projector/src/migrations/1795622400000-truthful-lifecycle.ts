import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11 (a projection that tells the truth). Column changes:
 * - credfin_account.available_key (new): `available` gets its own order key, so an event without
 *   an available balance no longer overwrites a known one (balance keeps balances_key);
 * - credfin_application.failure_key (dropped): the failure reason is derived from all of an
 *   application's crawlers by the finalizer, no longer merged from single crawler statuses;
 * - bridge_account.transactions_key (new): nb_*_transactions get their own order key, so an
 *   item.account.updated without `balance` keeps the stored balance;
 * - credfin_account_analysis (new table): which account and application an analysis is, from the
 *   stored account reports.
 * Rows projected before this migration keep crawler failures in progress_rank: rebuild the projection
 * (README: new LIFECYCLE_PROJECTOR_GROUP_ID, empty database) to correct their statuses.
 */
export class TruthfulLifecycle1795622400000 implements MigrationInterface {
  name = 'TruthfulLifecycle1795622400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE credfin_account ADD COLUMN available_key text`,
      `ALTER TABLE credfin_application DROP COLUMN failure_key`,
      `ALTER TABLE bridge_account ADD COLUMN transactions_key text`,
      `CREATE TABLE credfin_account_analysis (
        analysis_id    bigint      NOT NULL,
        application_id text        NOT NULL,
        account_ref    text        NOT NULL,
        linked_at      timestamptz NOT NULL,
        CONSTRAINT pk_credfin_account_analysis PRIMARY KEY (analysis_id)
      )`,
      `CREATE INDEX ix_credfin_account_analysis_application_id ON credfin_account_analysis (application_id)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `DROP TABLE credfin_account_analysis`,
      `ALTER TABLE bridge_account DROP COLUMN transactions_key`,
      `ALTER TABLE credfin_application ADD COLUMN failure_key text`,
      `ALTER TABLE credfin_account DROP COLUMN available_key`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }
}
