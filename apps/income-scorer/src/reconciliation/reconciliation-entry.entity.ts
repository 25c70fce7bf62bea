import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the reconciler did about one upload: published its insight, or found none / refused it (asked again later). */
export type ReconciliationOutcome = 'published' | 'none' | 'refused';

/**
 * One upload the reconciler asked CreditChek about (key: borrower and upload time). `published` is
 * final: the record is on webhooks.creditchek.v1, and a run before the scorer has read it must not
 * fetch and publish it again. `none` and `refused` are asked again CREDITCHEK_RECONCILE_AFTER later.
 */
@Entity({ schema: 'reconciliation', name: 'creditchek_fetch' })
export class ReconciliationEntry {
  @PrimaryColumn({ name: 'borrower_id', type: 'text', primaryKeyConstraintName: 'pk_creditchek_fetch' })
  borrowerId!: string;

  @PrimaryColumn({
    name: 'uploaded_at',
    type: 'timestamptz',
    primaryKeyConstraintName: 'pk_creditchek_fetch',
  })
  uploadedAt!: Date;

  @Column({ type: 'text' })
  outcome!: ReconciliationOutcome;

  /** Of the published record. */
  @Column({ name: 'ce_id', type: 'uuid', nullable: true })
  ceId!: string | null;

  @Column({ name: 'dedup_key', type: 'text', nullable: true })
  dedupKey!: string | null;

  /** Why it was refused (contract paths, never values). */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'checked_at', type: 'timestamptz' })
  checkedAt!: Date;
}
