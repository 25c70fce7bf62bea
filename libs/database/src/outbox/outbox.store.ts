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

/** The oldest records of a producer, locked for this transaction (other relays skip them). */
export async function lockOutboxBatch(
  manager: EntityManager,
  producer: string,
  limit: number,
): Promise<StoredOutboxRecord[]> {
  const rows: {
    id: string;
    topic: string;
    message_key: string;
    value: string;
    headers: Record<string, string>;
  }[] = await manager.query(
    `SELECT id, topic, message_key, value, headers FROM platform.outbox
       WHERE producer = $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [producer, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    topic: row.topic,
    key: row.message_key,
    value: row.value,
    headers: row.headers,
  }));
}

export async function deleteOutboxRecords(manager: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await manager.query(`DELETE FROM platform.outbox WHERE id = ANY($1::bigint[])`, [ids]);
}
