import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The `console` schema: operators (bcrypt hashes) and their sessions. */
export class CreateConsoleSchema1796169600000 implements MigrationInterface {
  name = 'CreateConsoleSchema1796169600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS console`);
    await queryRunner.query(`
      CREATE TABLE console.operator (
        username       text        NOT NULL,
        password_hash  text        NOT NULL,
        role           text        NOT NULL CHECK (role IN ('viewer', 'operator')),
        created_at     timestamptz NOT NULL,
        CONSTRAINT pk_operator PRIMARY KEY (username)
      )`);
    await queryRunner.query(`
      CREATE TABLE console.session (
        token_hash  text        NOT NULL,
        username    text        NOT NULL REFERENCES console.operator (username) ON DELETE CASCADE,
        role        text        NOT NULL,
        csrf_token  text        NOT NULL,
        expires_at  timestamptz NOT NULL,
        CONSTRAINT pk_session PRIMARY KEY (token_hash)
      )`);
    await queryRunner.query(`CREATE INDEX ix_session_expires_at ON console.session (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA console CASCADE`);
  }
}
