import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One Credfin application as projected. Contact fields are personal data: stored and served, never logged. */
@Entity({ schema: 'lifecycle', name: 'credfin_application' })
@Index('ix_credfin_application_updated_at_id', ['updatedAt', 'id'])
@Index('ix_credfin_application_status_updated_at_id', ['status', 'updatedAt', 'id'])
export class CredfinApplication {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_credfin_application' })
  id!: string;

  @Index('ix_credfin_application_vendor_specific_id')
  @Column({ name: 'vendor_specific_id', type: 'text', nullable: true })
  vendorSpecificId!: string | null;

  @Column({ name: 'full_name', type: 'text', nullable: true })
  fullName!: string | null;

  @Column({ name: 'full_name_key', type: 'text', nullable: true })
  fullNameKey!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ name: 'email_key', type: 'text', nullable: true })
  emailKey!: string | null;

  @Column({ type: 'text', nullable: true })
  mobile!: string | null;

  @Column({ name: 'mobile_key', type: 'text', nullable: true })
  mobileKey!: string | null;

  /** Highest status rank the application's own events prove. */
  @Column({ name: 'progress_rank', type: 'smallint' })
  progressRank!: number;

  /** Events naming the application itself; with the counts of its analyses and accounts: version. */
  @Column({ name: 'own_event_count', type: 'integer' })
  ownEventCount!: number;

  @Column({ name: 'own_first_event_at', type: 'timestamptz' })
  ownFirstEventAt!: Date;

  @Column({ name: 'own_last_event_at', type: 'timestamptz' })
  ownLastEventAt!: Date;

  /** progress_rank combined with account and analysis facts (see application-status.ts). */
  @Column({ name: 'status_rank', type: 'smallint' })
  statusRank!: number;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'crawler_status', type: 'text', nullable: true })
  crawlerStatus!: string | null;

  @Column({ name: 'crawler_status_at', type: 'timestamptz', nullable: true })
  crawlerStatusAt!: Date | null;

  @Column({ name: 'crawler_status_key', type: 'text', nullable: true })
  crawlerStatusKey!: string | null;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  @Column({ name: 'failure_key', type: 'text', nullable: true })
  failureKey!: string | null;

  @Column({ name: 'application_report_ready_at', type: 'timestamptz', nullable: true })
  applicationReportReadyAt!: Date | null;

  @Column({ name: 'summary_report_ready_at', type: 'timestamptz', nullable: true })
  summaryReportReadyAt!: Date | null;

  @Column({ name: 'summary_pdf_ready_at', type: 'timestamptz', nullable: true })
  summaryPdfReadyAt!: Date | null;

  @Column({ name: 'summary_html_ready_at', type: 'timestamptz', nullable: true })
  summaryHtmlReadyAt!: Date | null;

  @Column({ name: 'bundle_ready_at', type: 'timestamptz', nullable: true })
  bundleReadyAt!: Date | null;

  /** First analysis.report_ready of any of the application's account analyses. */
  @Column({ name: 'report_json_ready_at', type: 'timestamptz', nullable: true })
  reportJsonReadyAt!: Date | null;

  @Column({ name: 'analysis_pdf_ready_at', type: 'timestamptz', nullable: true })
  analysisPdfReadyAt!: Date | null;

  @Column({ name: 'analysis_html_ready_at', type: 'timestamptz', nullable: true })
  analysisHtmlReadyAt!: Date | null;

  /** Number of raw events that contributed to the application: the version published downstream. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
