import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per event a consumer has applied, written in the same transaction as the consumer's
 * effect. A redelivered event finds its row and is skipped: exactly-once effect over at-least-once
 * delivery.
 */
@Entity({ schema: 'platform', name: 'inbox' })
export class InboxEntry {
  @PrimaryColumn({ type: 'text' })
  consumer!: string;

  @PrimaryColumn({ name: 'dedup_key', type: 'text' })
  dedupKey!: string;

  @Column({ name: 'ce_id', type: 'text' })
  ceId!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'integer' })
  partition!: number;

  @Column({ name: 'kafka_offset', type: 'bigint' })
  kafkaOffset!: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt!: Date;
}
