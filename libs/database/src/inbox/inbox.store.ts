import type { EntityManager } from 'typeorm';

export interface InboxClaim {
  dedupKey: string;
  ceId: string;
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Records the events a consumer is about to apply, inside its transaction, and returns the dedup
 * keys that were new. A key already there (a redelivery, a provider retry, a duplicate within the
 * batch) is skipped. If the transaction rolls back, so do the claims.
 */
export async function claimInbox(
  manager: EntityManager,
  consumer: string,
  claims: readonly InboxClaim[],
): Promise<Set<string>> {
  const fresh = new Set<string>();
  // 6 parameters per row; PostgreSQL allows 65,535 per statement.
  for (let start = 0; start < claims.length; start += 10_000) {
    const chunk = claims.slice(start, start + 10_000);
    const values: unknown[] = [];
    const rows = chunk.map((claim, i) => {
      values.push(consumer, claim.dedupKey, claim.ceId, claim.topic, claim.partition, claim.offset);
      const p = i * 6;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`;
    });
    const inserted: { dedup_key: string }[] = await manager.query(
      `INSERT INTO platform.inbox (consumer, dedup_key, ce_id, topic, partition, kafka_offset)
       VALUES ${rows.join(', ')}
       ON CONFLICT ON CONSTRAINT pk_inbox DO NOTHING
       RETURNING dedup_key`,
      values,
    );
    for (const row of inserted) fresh.add(row.dedup_key);
  }
  return fresh;
}
