import { Column, Entity, PrimaryColumn } from 'typeorm';
import { merge, Merged } from '../merge/merged.decorator';

/**
 * The account-owner message, keyed by account reference: it has no application id and may arrive
 * before or after the account; it is joined to applications through credfin_application_account.
 * Personal data: stored and served, never logged.
 */
@Entity({ name: 'credfin_account_owner' })
export class CredfinAccountOwner {
  @PrimaryColumn({ name: 'account_ref', type: 'text', primaryKeyConstraintName: 'pk_credfin_account_owner' })
  accountRef!: string;

  @Column({ type: 'text', nullable: true })
  @Merged(merge.newest('owner_key'))
  bsb!: string | null;

  @Column({ type: 'text', nullable: true })
  @Merged(merge.newest('owner_key'))
  number!: string | null;

  /** success | failed */
  @Column({ type: 'text', nullable: true })
  @Merged(merge.newest('owner_key'))
  status!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  @Merged(merge.newest('owner_key'))
  errorMessage!: string | null;

  @Column({ name: 'file_location', type: 'text', nullable: true })
  @Merged(merge.newest('owner_key'))
  fileLocation!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  @Merged(merge.newest('owner_key'))
  owners!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  @Merged(merge.newest('owner_key'))
  addresses!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  @Merged(merge.newest('owner_key'))
  emails!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  @Merged(merge.newest('owner_key'))
  phones!: unknown;

  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  @Merged(merge.newest('owner_key'))
  receivedAt!: Date | null;

  @Column({ name: 'owner_key', type: 'text', nullable: true })
  @Merged(merge.newest('owner_key'))
  ownerKey!: string | null;

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
