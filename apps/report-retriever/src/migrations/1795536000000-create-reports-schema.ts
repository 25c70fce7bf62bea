import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The `reports` schema: artifacts fetched from Credfin, their bytes in chunks. */
export class CreateReportsSchema1795536000000 implements MigrationInterface {
  name = 'CreateReportsSchema1795536000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS reports`);
    await queryRunner.query(`
      CREATE TABLE reports.artifact (
        id                  uuid        NOT NULL,
        provider            text        NOT NULL,
        application_id      text        NOT NULL,
        vendor_specific_id  text,
        analysis_id         text        NOT NULL,
        account_ref         text,
        account_last4       text,
        kind                text        NOT NULL,
        content_type        text        NOT NULL,
        size_bytes          bigint      NOT NULL,
        sha256              text        NOT NULL,
        fetched_at          timestamptz NOT NULL,
        source_ce_id        text        NOT NULL,
        CONSTRAINT pk_artifact PRIMARY KEY (id),
        CONSTRAINT uq_artifact_content UNIQUE (application_id, analysis_id, kind, sha256)
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_artifact_vendor_specific_id ON reports.artifact (vendor_specific_id)`,
    );
    await queryRunner.query(`CREATE INDEX ix_artifact_analysis ON reports.artifact (analysis_id, kind)`);
    await queryRunner.query(`
      CREATE TABLE reports.artifact_chunk (
        artifact_id  uuid    NOT NULL,
        seq          integer NOT NULL,
        data         bytea   NOT NULL,
        CONSTRAINT pk_artifact_chunk PRIMARY KEY (artifact_id, seq)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA IF EXISTS reports CASCADE`);
  }
}
