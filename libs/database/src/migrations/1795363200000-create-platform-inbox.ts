import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shared `platform` schema and its inbox. Written with IF NOT EXISTS because every consumer
 * service lists this migration in its own migrations table.
 */
export class CreatePlatformInbox1795363200000 implements MigrationInterface {
  name = 'CreatePlatformInbox1795363200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS platform`);
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS platform.inbox (
        consumer      text        NOT NULL,
        dedup_key     text        NOT NULL,
        ce_id         text        NOT NULL,
        topic         text        NOT NULL,
        partition     integer     NOT NULL,
        kafka_offset  bigint      NOT NULL,
        processed_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_inbox PRIMARY KEY (consumer, dedup_key)
      )`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS ix_inbox_consumer_processed_at ON platform.inbox (consumer, processed_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS platform.inbox`);
  }
}
