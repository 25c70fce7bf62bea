import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The account-owner message, keyed by account reference: it has no application id and may arrive
 * before or after the account; it is joined to applications through credfin_application_account.
 * Personal data: stored and served, never logged.
 */
@Entity({ schema: 'lifecycle', name: 'credfin_account_owner' })
export class CredfinAccountOwner {
  @PrimaryColumn({ name: 'account_ref', type: 'text', primaryKeyConstraintName: 'pk_credfin_account_owner' })
  accountRef!: string;

  @Column({ type: 'text', nullable: true })
  bsb!: string | null;

  @Column({ type: 'text', nullable: true })
  number!: string | null;

  /** success | failed */
  @Column({ type: 'text', nullable: true })
  status!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'file_location', type: 'text', nullable: true })
  fileLocation!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  owners!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  addresses!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  emails!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  phones!: unknown;

  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt!: Date | null;

  @Column({ name: 'owner_key', type: 'text', nullable: true })
  ownerKey!: string | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt!: Date;

  @Column({ name: 'event_count', type: 'integer' })
  eventCount!: number;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;
}
