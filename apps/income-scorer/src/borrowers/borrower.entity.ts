import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One CreditChek borrower: the fold of its events (docs/scoring.md, section 6) and what the read API
 * and the reconciler ask of it without unfolding the state. No BVN, name, account number or narration
 * is ever in it: accounts are `acct:` references and last 4 digits.
 */
@Entity({ schema: 'scoring', name: 'borrower' })
@Index('ix_borrower_awaited', ['lastUploadAt'])
export class Borrower {
  @PrimaryColumn({ name: 'borrower_id', type: 'text', primaryKeyConstraintName: 'pk_borrower' })
  borrowerId!: string;

  /** BorrowerState as JSON, bigints tagged (borrower-state.codec.ts). */
  @Column({ type: 'jsonb' })
  state!: unknown;

  /** ce_time of the latest pdf_upload: the reconciler's clock. */
  @Column({ name: 'last_upload_at', type: 'timestamptz', nullable: true })
  lastUploadAt!: Date | null;

  /** ce_time of the latest income_insight or income_insight_failure (any form). */
  @Column({ name: 'last_outcome_at', type: 'timestamptz', nullable: true })
  lastOutcomeAt!: Date | null;

  /** The result that stands (published last); null while there is nothing to score. */
  @Column({ name: 'latest_result_id', type: 'text', nullable: true })
  latestResultId!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
