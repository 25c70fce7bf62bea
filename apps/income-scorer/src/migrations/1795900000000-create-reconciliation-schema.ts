import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The `reconciliation` schema: what the CreditChek reconciler asked for and did (ReconciliationEntry). */
export class CreateReconciliationSchema1795900000000 implements MigrationInterface {
  name = 'CreateReconciliationSchema1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS reconciliation`);
    await queryRunner.query(`
      CREATE TABLE reconciliation.creditchek_fetch (
        borrower_id  text        NOT NULL,
        uploaded_at  timestamptz NOT NULL,
        outcome      text        NOT NULL CHECK (outcome IN ('published', 'none', 'refused')),
        ce_id        uuid,
        dedup_key    text,
        reason       text,
        attempts     integer     NOT NULL,
        checked_at   timestamptz NOT NULL,
        CONSTRAINT pk_creditchek_fetch PRIMARY KEY (borrower_id, uploaded_at)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS reconciliation.creditchek_fetch`);
    await queryRunner.query(`DROP SCHEMA IF EXISTS reconciliation`);
  }
}
