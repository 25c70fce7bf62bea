import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The `scoring` schema: each CreditChek borrower's folded state and every result it has had. */
export class CreateScoringSchema1795708800000 implements MigrationInterface {
  name = 'CreateScoringSchema1795708800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS scoring`);
    await queryRunner.query(`
      CREATE TABLE scoring.borrower (
        borrower_id       text        NOT NULL,
        state             jsonb       NOT NULL,
        last_upload_at    timestamptz,
        last_outcome_at   timestamptz,
        latest_result_id  text,
        updated_at        timestamptz NOT NULL,
        CONSTRAINT pk_borrower PRIMARY KEY (borrower_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_borrower_awaited ON scoring.borrower (last_upload_at)`);
    await queryRunner.query(`
      CREATE TABLE scoring.score_result (
        result_id      text        NOT NULL,
        borrower_id    text        NOT NULL,
        status         text        NOT NULL,
        score          integer,
        band           text,
        decision       text,
        model_version  text        NOT NULL,
        as_of          timestamptz NOT NULL,
        value          jsonb       NOT NULL,
        recorded_at    timestamptz NOT NULL,
        CONSTRAINT pk_score_result PRIMARY KEY (result_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_score_result_borrower ON scoring.score_result (borrower_id, as_of)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA IF EXISTS scoring CASCADE`);
  }
}
