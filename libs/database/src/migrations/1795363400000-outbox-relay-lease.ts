import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox relay holds no transaction across a Kafka send: one relay per producer holds a lease
 * row instead (order per key), and a record Kafka refuses for good is set aside with its reason
 * rather than blocking every record behind it. IF NOT EXISTS: every producing service lists this.
 */
export class OutboxRelayLease1795363400000 implements MigrationInterface {
  name = 'OutboxRelayLease1795363400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE platform.outbox
        ADD COLUMN IF NOT EXISTS rejected_at timestamptz,
        ADD COLUMN IF NOT EXISTS rejected_reason text`);
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS platform.outbox_relay_lease (
        producer    text        NOT NULL,
        holder      text        NOT NULL,
        expires_at  timestamptz NOT NULL,
        CONSTRAINT pk_outbox_relay_lease PRIMARY KEY (producer)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS platform.outbox_relay_lease`);
    await queryRunner.query(
      `ALTER TABLE platform.outbox DROP COLUMN IF EXISTS rejected_at, DROP COLUMN IF EXISTS rejected_reason`,
    );
  }
}
