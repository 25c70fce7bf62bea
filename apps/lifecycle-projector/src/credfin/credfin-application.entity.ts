import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { merge, Merged } from '../merge/merged.decorator';

/** One Credfin application as projected. Contact fields are personal data: stored and served, never logged. */
@Entity({ name: 'credfin_application' })
@Index('ix_credfin_application_updated_at_id', ['updatedAt', 'id'])
@Index('ix_credfin_application_status_updated_at_id', ['status', 'updatedAt', 'id'])
export class CredfinApplication {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_credfin_application' })
  id!: string;

  @Index('ix_credfin_application_vendor_specific_id')
  @Column({ name: 'vendor_specific_id', type: 'text', nullable: true })
  @Merged(merge.least)
  vendorSpecificId!: string | null;

  @Column({ name: 'full_name', type: 'text', nullable: true })
  @Merged(merge.newest('full_name_key'))
  fullName!: string | null;

  @Column({ name: 'full_name_key', type: 'text', nullable: true })
  @Merged(merge.newest('full_name_key'))
  fullNameKey!: string | null;

  @Column({ type: 'text', nullable: true })
  @Merged(merge.newest('email_key'))
  email!: string | null;

  @Column({ name: 'email_key', type: 'text', nullable: true })
  @Merged(merge.newest('email_key'))
  emailKey!: string | null;

  @Column({ type: 'text', nullable: true })
  @Merged(merge.newest('mobile_key'))
  mobile!: string | null;

  @Column({ name: 'mobile_key', type: 'text', nullable: true })
  @Merged(merge.newest('mobile_key'))
  mobileKey!: string | null;

  /** Highest status rank the application's own events prove (crawler statuses: see the finalizer). */
  @Column({ name: 'progress_rank', type: 'smallint' })
  @Merged(merge.greatest)
  progressRank!: number;

  /** Events naming the application itself; with the counts of its analyses and accounts: version. */
  @Column({ name: 'own_event_count', type: 'integer' })
  @Merged(merge.sum)
  ownEventCount!: number;

  @Column({ name: 'own_first_event_at', type: 'timestamptz' })
  @Merged(merge.least)
  ownFirstEventAt!: Date;

  @Column({ name: 'own_last_event_at', type: 'timestamptz' })
  @Merged(merge.greatest)
  ownLastEventAt!: Date;

  /** progress_rank combined with account and analysis facts (see application-status.ts). */
  @Column({ name: 'status_rank', type: 'smallint' })
  @Merged(merge.first)
  statusRank!: number;

  @Column({ type: 'text' })
  @Merged(merge.first)
  status!: string;

  @Column({ name: 'crawler_status', type: 'text', nullable: true })
  @Merged(merge.newest('crawler_status_key'))
  crawlerStatus!: string | null;

  @Column({ name: 'crawler_status_at', type: 'timestamptz', nullable: true })
  @Merged(merge.newest('crawler_status_key'))
  crawlerStatusAt!: Date | null;

  @Column({ name: 'crawler_status_key', type: 'text', nullable: true })
  @Merged(merge.newest('crawler_status_key'))
  crawlerStatusKey!: string | null;

  /** Set by the finalizer from all the application's crawlers, only while it is failed / timed out. */
  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  @Merged(merge.first)
  failureReason!: string | null;

  @Column({ name: 'application_report_ready_at', type: 'timestamptz', nullable: true })
  @Merged(merge.least)
  applicationReportReadyAt!: Date | null;

  @Column({ name: 'summary_report_ready_at', type: 'timestamptz', nullable: true })
  @Merged(merge.least)
  summaryReportReadyAt!: Date | null;

  @Column({ name: 'summary_pdf_ready_at', type: 'timestamptz', nullable: true })
  @Merged(merge.least)
  summaryPdfReadyAt!: Date | null;

  @Column({ name: 'summary_html_ready_at', type: 'timestamptz', nullable: true })
  @Merged(merge.least)
  summaryHtmlReadyAt!: Date | null;

  @Column({ name: 'bundle_ready_at', type: 'timestamptz', nullable: true })
  @Merged(merge.least)
  bundleReadyAt!: Date | null;

  /** When every known account had its report JSON (or the application report proved it): finalizer. */
  @Column({ name: 'report_json_ready_at', type: 'timestamptz', nullable: true })
  @Merged(merge.first)
  reportJsonReadyAt!: Date | null;

  @Column({ name: 'analysis_pdf_ready_at', type: 'timestamptz', nullable: true })
  @Merged(merge.first)
  analysisPdfReadyAt!: Date | null;

  @Column({ name: 'analysis_html_ready_at', type: 'timestamptz', nullable: true })
  @Merged(merge.first)
  analysisHtmlReadyAt!: Date | null;

  /** Number of raw events that contributed to the application: the version published downstream. */
  @Column({ type: 'integer' })
  @Merged(merge.first)
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Merged(merge.first)
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  @Merged(merge.first)
  updatedAt!: Date;
}
