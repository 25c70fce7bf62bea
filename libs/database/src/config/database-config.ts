import { z } from 'zod';
import { parseConfig } from '@ledgerhook/platform';

/** The machine's local PostgreSQL (trust auth); the database itself is created on first use. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ledgerhook';

export const databaseConfigShape = {
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.pathname.length > 1;
      } catch {
        return false;
      }
    }, 'must be a postgres:// URL that names a database, e.g. postgres://user:pass@host:5432/ledgerhook'),
};

export interface DatabaseConfig {
  url: string;
}

export function loadDatabaseConfig(
  service: string,
  env: Record<string, string | undefined> = process.env,
): DatabaseConfig {
  return { url: parseConfig(service, databaseConfigShape, env).DATABASE_URL };
}

/** host:port/db without credentials, for log lines and error messages. */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/** The same server and credentials, another database (maintenance, per-test and rebuild databases). */
export function databaseUrlFor(url: string, database: string): string {
  const sibling = new URL(url);
  sibling.pathname = `/${encodeURIComponent(database)}`;
  return sibling.toString();
}
