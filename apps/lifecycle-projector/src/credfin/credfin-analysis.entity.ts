import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { merge, Merged } from '../merge/merged.decorator';

/**
 * One account analysis (analysis.* events). Its id is NOT the application id and the events do not say
 * which account it is: it is attached to its application by vendor_specific_id, whenever both exist.
 */
@Entity({ name: 'credfin_analysis' })
export class CredfinAnalysis {
  @PrimaryColumn({ name: 'analysis_id', type: 'bigint', primaryKeyConstraintName: 'pk_credfin_analysis' })
  analysisId!: string;

  @Index('ix_credfin_analysis_vendor_specific_id')
  @Column({ name: 'vendor_specific_id', type: 'text', nullable: true })
  @Merged(merge.least)
  vendorSpecificId!: string | null;

  @Column({ name: 'report_ready_at', type: 'timestamptz', nullable: true })
  @Merged(merge.least)
  reportReadyAt!: Date | null;

  @Column({ name: 'pdf_ready_at', type: 'timestamptz', nullable: true })
  @Merged(merge.least)
  pdfReadyAt!: Date | null;

  @Column({ name: 'html_ready_at', type: 'timestamptz', nullable: true })
  @Merged(merge.least)
  htmlReadyAt!: Date | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  @Merged(merge.least)
  firstSeenAt!: Date;

  @Column({ name: 'event_count', type: 'integer' })
  @Merged(merge.sum)
  eventCount!: number;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  @Merged(merge.greatest)
  lastEventAt!: Date;
}
