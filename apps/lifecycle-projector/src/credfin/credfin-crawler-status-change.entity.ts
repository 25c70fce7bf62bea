import { Column, Entity, PrimaryColumn } from 'typeorm';
import { merge, Merged } from '../merge/merged.decorator';

/** A crawler's history: one row per (status, provider timestamp) it reported. */
@Entity({ name: 'credfin_crawler_status_change' })
export class CredfinCrawlerStatusChange {
  @PrimaryColumn({
    name: 'crawler_uuid',
    type: 'text',
    primaryKeyConstraintName: 'pk_credfin_crawler_status_change',
  })
  crawlerUuid!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_credfin_crawler_status_change' })
  status!: string;

  @PrimaryColumn({
    name: 'status_at',
    type: 'timestamptz',
    primaryKeyConstraintName: 'pk_credfin_crawler_status_change',
  })
  statusAt!: Date;

  @Column({ name: 'application_id', type: 'text', nullable: true })
  @Merged(merge.least)
  applicationId!: string | null;

  @Column({ name: 'first_ce_id', type: 'text' })
  @Merged(merge.least)
  firstCeId!: string;

  @Column({ name: 'first_received_at', type: 'timestamptz' })
  @Merged(merge.least)
  firstReceivedAt!: Date;
}
