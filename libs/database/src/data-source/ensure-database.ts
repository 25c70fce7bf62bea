import { Client } from 'pg';
import { databaseUrlFor, describeDatabaseUrl } from '../config/database-config';

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET']);

/** Turns a connection failure into a message that says what to do about it. */
export function explainConnectionError(url: string, error: unknown): Error {
  const code = (error as { code?: string }).code;
  const where = describeDatabaseUrl(url);
  if (code && UNREACHABLE_CODES.has(code)) {
    return new Error(
      `PostgreSQL is not reachable at ${where} (${code}). Start a PostgreSQL server there ` +
        `(e.g. pg_ctlcluster <version> main start) or set DATABASE_URL=postgres://user:password@host:5432/ledgerhook.`,
    );
  }
  return new Error(`Could not connect to PostgreSQL at ${where}: ${(error as Error).message}`);
}

/**
 * Creates the database named in the URL when it does not exist yet, connecting to the server's
 * `postgres` maintenance database. Safe to run from several processes at once.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const client = new Client({
    connectionString: databaseUrlFor(url, 'postgres'),
    connectionTimeoutMillis: 5_000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw explainConnectionError(url, error);
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      return true;
    } catch (error) {
      // 42P04 duplicate_database, 23505 unique_violation: created concurrently by another process.
      const code = (error as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw error;
    }
  } finally {
    await client.end();
  }
}
