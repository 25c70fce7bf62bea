import type { ClientBase } from 'pg';

/** Tables of a schema, the projection's usual first-written ones (timeline, links) first. */
export async function tablesOf(client: ClientBase, schema: string): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [schema],
  );
  return rows.map((row) => row.table_name);
}

export async function schemaExists(client: ClientBase, schema: string): Promise<boolean> {
  const { rows } = await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [schema]);
  return rows.length > 0;
}

/**
 * Takes ACCESS EXCLUSIVE locks on every table of `schema` inside the open transaction, without ever
 * waiting while holding some (NOWAIT, all or none, retried until `deadline`): a consumer or a reader
 * holding one of them finishes first, and no deadlock can form with them. While held, the consumer's
 * writes and the readers wait (they do not fail).
 */
export async function lockSchema(client: ClientBase, schema: string, deadline: number): Promise<void> {
  const tables = (await tablesOf(client, schema)).map((table) => `"${schema}"."${table}"`);
  if (tables.length === 0) return;
  for (let attempt = 0; ; attempt++) {
    await client.query('SAVEPOINT lock_schema');
    try {
      await client.query(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE NOWAIT`);
      await client.query('RELEASE SAVEPOINT lock_schema');
      return;
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT lock_schema');
      // 55P03 lock_not_available: someone holds one; anything else is a real failure.
      if ((error as { code?: string }).code !== '55P03' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, 10 * (attempt + 1))));
    }
  }
}

/**
 * Where the consumer's applied events are, per topic and partition: the offset after the last one
 * its inbox holds (its Kafka commits may lag behind what its transactions made durable). With
 * `since`, only rows processed from then on (the index on consumer, processed_at serves it), merged
 * into `known`: the whole inbox is read once before the lock, only its recent rows under it.
 */
export async function appliedPositions(
  client: ClientBase,
  inbox: string,
  topics: readonly string[],
  since?: { at: Date; known: ReadonlyMap<string, bigint> },
): Promise<Map<string, bigint>> {
  const { rows } = await client.query<{ topic: string; partition: number; next: string }>(
    `SELECT topic, partition, (max(kafka_offset) + 1)::text AS next FROM platform.inbox
      WHERE consumer = $1 AND topic = ANY($2::text[]) AND processed_at >= $3 GROUP BY topic, partition`,
    [inbox, [...topics], since?.at ?? new Date(0)],
  );
  const positions = new Map(since?.known);
  for (const row of rows) {
    const key = `${row.topic}:${row.partition}`;
    const next = BigInt(row.next);
    if (next > (positions.get(key) ?? -1n)) positions.set(key, next);
  }
  return positions;
}
