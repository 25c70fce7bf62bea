import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { merge, Merged } from '../merge/merged.decorator';

/** One crawler (one bank login) of an application, with its newest status. */
@Entity({ name: 'credfin_crawler' })
export class CredfinCrawler {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_credfin_crawler' })
  uuid!: string;

  @Index('ix_credfin_crawler_application_id')
  @Column({ name: 'application_id', type: 'text', nullable: true })
  @Merged(merge.least)
  applicationId!: string | null;

  @Column({ name: 'bank_id', type: 'integer', nullable: true })
  @Merged(merge.least)
  bankId!: number | null;

  /** Open set: unknown statuses are kept as sent. */
  @Column({ type: 'text', nullable: true })
  @Merged(merge.newest('status_key'))
  status!: string | null;

  @Column({ name: 'status_at', type: 'timestamptz', nullable: true })
  @Merged(merge.newest('status_key'))
  statusAt!: Date | null;

  @Column({ name: 'status_key', type: 'text', nullable: true })
  @Merged(merge.newest('status_key'))
  statusKey!: string | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  @Merged(merge.least)
  firstSeenAt!: Date;
}
