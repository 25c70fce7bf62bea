import type { DataSource } from 'typeorm';

/** Arbitrary, fixed: every service takes the same lock, so concurrent boots migrate one at a time. */
const MIGRATION_LOCK_KEY = 7_114_202_611;

/**
 * Runs the data source's pending migrations while holding a PostgreSQL advisory lock, so services
 * starting together never race on the same DDL. Returns the names of the migrations it ran.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
