import { Client } from 'pg';

/** The schemas of a database whose names match a LIKE pattern, sorted (tests check what a rebuild left). */
export async function listSchemas(url: string, like: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE $1 ORDER BY nspname`,
      [like],
    );
    return rows.map((row) => row.nspname);
  } finally {
    await client.end();
  }
}
