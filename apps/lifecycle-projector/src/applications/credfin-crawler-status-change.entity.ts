import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A crawler's history: one row per (status, provider timestamp) it reported. */
@Entity({ schema: 'lifecycle', name: 'credfin_crawler_status_change' })
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
  applicationId!: string | null;

  @Column({ name: 'first_ce_id', type: 'text' })
  firstCeId!: string;

  @Column({ name: 'first_received_at', type: 'timestamptz' })
  firstReceivedAt!: Date;
}
