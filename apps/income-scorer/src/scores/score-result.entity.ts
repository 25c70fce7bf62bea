import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every result a borrower has had, as published on lending.income-scores.v1. A newer result supersedes
 * the older one (borrower.latest_result_id) and the older stays: the history an auditor asks for.
 * The id is derived from the inputs' ce_ids, so a replay writes the same rows.
 */
@Entity({ schema: 'scoring', name: 'score_result' })
@Index('ix_score_result_borrower', ['borrowerId', 'asOf'])
export class ScoreResult {
  @PrimaryColumn({ name: 'result_id', type: 'text', primaryKeyConstraintName: 'pk_score_result' })
  resultId!: string;

  @Column({ name: 'borrower_id', type: 'text' })
  borrowerId!: string;

  /** scored | no_score */
  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'integer', nullable: true })
  score!: number | null;

  @Column({ type: 'text', nullable: true })
  band!: string | null;

  @Column({ type: 'text', nullable: true })
  decision!: string | null;

  @Column({ name: 'model_version', type: 'text' })
  modelVersion!: string;

  /** Latest ce_time among the inputs. */
  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;

  /** The published value (IncomeScore), as published. */
  @Column({ type: 'jsonb' })
  value!: unknown;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
