import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { merge, Merged } from '../merge/merged.decorator';

/**
 * Which account and application an analysis is (analysis.* events name neither for sure: only a
 * vendor_specific_id, which two applications may share or which may be absent). Learnt from the
 * account reports the report-retriever stores (lending.reports.v1 `analysis_report`: analysisId,
 * applicationId, accountRef). `linked_at` is when that report was fetched: the report JSON exists.
 */
@Entity({ name: 'credfin_account_analysis' })
export class CredfinAccountAnalysis {
  @PrimaryColumn({
    name: 'analysis_id',
    type: 'bigint',
    primaryKeyConstraintName: 'pk_credfin_account_analysis',
  })
  analysisId!: string;

  @Index('ix_credfin_account_analysis_application_id')
  @Column({ name: 'application_id', type: 'text' })
  @Merged(merge.least)
  applicationId!: string;

  @Column({ name: 'account_ref', type: 'text' })
  @Merged(merge.least)
  accountRef!: string;

  @Column({ name: 'linked_at', type: 'timestamptz' })
  @Merged(merge.least)
  linkedAt!: Date;
}
