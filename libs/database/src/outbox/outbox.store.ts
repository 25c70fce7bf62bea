import type { EntityManager } from 'typeorm';

export interface OutboxRecord {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface StoredOutboxRecord extends OutboxRecord {
  id: string;
}

/** Runs one statement: a DataSource or, inside a transaction, its EntityManager. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Adds records to the outbox inside the caller's transaction. */
export async function enqueueOutbox(
  manager: EntityManager,
  producer: string,
  records: readonly OutboxRecord[],
): Promise<void> {
  for (let start = 0; start < records.length; start += 5_000) {
    const chunk = records.slice(start, start + 5_000);
    const values: unknown[] = [];
    const rows = chunk.map((record, i) => {
      values.push(producer, record.topic, record.key, record.value, JSON.stringify(record.headers));
      const p = i * 5;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}::jsonb)`;
    });
    await manager.query(
      `INSERT INTO platform.outbox (producer, topic, message_key, value, headers) VALUES ${rows.join(', ')}`,
      values,
    );
  }
}

/**
 * Takes or renews the producer's relay lease for `leaseMs`; false while another holder's lease runs.
 * One statement, no transaction left open: the relay then sends without holding a connection.
 */
export async function acquireRelayLease(
  db: Queryable,
  producer: string,
  holder: string,
  leaseMs: number,
): Promise<boolean> {
  const rows = (await db.query(
    `INSERT INTO platform.outbox_relay_lease AS lease (producer, holder, expires_at)
       VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3::double precision / 1000))
     ON CONFLICT (producer) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE lease.holder = EXCLUDED.holder OR lease.expires_at < clock_timestamp()
     RETURNING holder`,
    [producer, holder, leaseMs],
  )) as unknown[];
  return rows.length === 1;
}

export async function releaseRelayLease(db: Queryable, producer: string, holder: string): Promise<void> {
  await db.query(`DELETE FROM platform.outbox_relay_lease WHERE producer = $1 AND holder = $2`, [
    producer,
    holder,
  ]);
}

/** The oldest records of a producer still to publish (records set aside are skipped). */
export async function readOutboxBatch(
  db: Queryable,
  producer: string,
  limit: number,
): Promise<StoredOutboxRecord[]> {
  const rows = (await db.query(
    `SELECT id, topic, message_key, value, headers FROM platform.outbox
       WHERE producer = $1 AND rejected_at IS NULL ORDER BY id LIMIT $2`,
    [producer, limit],
  )) as {
    id: string;
    topic: string;
    message_key: string;
    value: string;
    headers: Record<string, string>;
  }[];
  return rows.map((row) => ({
    id: row.id,
    topic: row.topic,
    key: row.message_key,
    value: row.value,
    headers: row.headers,
  }));
}

export async function countOutboxBacklog(db: Queryable, producer: string): Promise<number> {
  const [row] = (await db.query(
    `SELECT count(*)::int AS n FROM platform.outbox WHERE producer = $1 AND rejected_at IS NULL`,
    [producer],
  )) as { n: number }[];
  return row?.n ?? 0;
}

export async function deleteOutboxRecords(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.query(`DELETE FROM platform.outbox WHERE id = ANY($1::bigint[])`, [ids]);
}

/** Sets a record aside for good, with Kafka's reason; it stays in the table for an operator. */
export async function rejectOutboxRecord(db: Queryable, id: string, reason: string): Promise<void> {
  await db.query(
    `UPDATE platform.outbox SET rejected_at = now(), rejected_reason = $2 WHERE id = $1::bigint`,
    [id, reason.slice(0, 500)],
  );
}
