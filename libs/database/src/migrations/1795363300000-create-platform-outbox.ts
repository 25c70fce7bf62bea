import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox; IF NOT EXISTS because every producing service lists this migration. */
export class CreatePlatformOutbox1795363300000 implements MigrationInterface {
  name = 'CreatePlatformOutbox1795363300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS platform`);
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS platform.outbox (
        id           bigserial   NOT NULL,
        producer     text        NOT NULL,
        topic        text        NOT NULL,
        message_key  text        NOT NULL,
        value        text        NOT NULL,
        headers      jsonb       NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_outbox PRIMARY KEY (id)
      )`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS ix_outbox_producer_id ON platform.outbox (producer, id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS platform.outbox`);
  }
}
