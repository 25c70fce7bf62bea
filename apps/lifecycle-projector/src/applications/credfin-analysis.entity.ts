import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One account analysis (analysis.* events). Its id is NOT the application id and the events do not say
 * which account it is: it is attached to its application by vendor_specific_id, whenever both exist.
 */
@Entity({ schema: 'lifecycle', name: 'credfin_analysis' })
export class CredfinAnalysis {
  @PrimaryColumn({ name: 'analysis_id', type: 'bigint', primaryKeyConstraintName: 'pk_credfin_analysis' })
  analysisId!: string;

  @Index('ix_credfin_analysis_vendor_specific_id')
  @Column({ name: 'vendor_specific_id', type: 'text', nullable: true })
  vendorSpecificId!: string | null;

  @Column({ name: 'report_ready_at', type: 'timestamptz', nullable: true })
  reportReadyAt!: Date | null;

  @Column({ name: 'pdf_ready_at', type: 'timestamptz', nullable: true })
  pdfReadyAt!: Date | null;

  @Column({ name: 'html_ready_at', type: 'timestamptz', nullable: true })
  htmlReadyAt!: Date | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt!: Date;

  @Column({ name: 'event_count', type: 'integer' })
  eventCount!: number;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;
}
