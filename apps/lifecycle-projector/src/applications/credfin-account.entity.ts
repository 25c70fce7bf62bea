import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A bank account Credfin reported, keyed by its reference (sha256 of BSB + number, as in raw keys):
 * bare account lists carry no application id, so account data cannot hang off the application.
 * Balances are exact `numeric` in major units; `balances_as_of` is the time of the data held.
 */
@Entity({ schema: 'lifecycle', name: 'credfin_account' })
export class CredfinAccount {
  @PrimaryColumn({ name: 'account_ref', type: 'text', primaryKeyConstraintName: 'pk_credfin_account' })
  accountRef!: string;

  @Column({ type: 'text' })
  bsb!: string;

  @Column({ type: 'text' })
  number!: string;

  @Column({ name: 'numbers_known_at', type: 'timestamptz', nullable: true })
  numbersKnownAt!: Date | null;

  @Column({ type: 'numeric', nullable: true })
  available!: string | null;

  @Column({ type: 'numeric', nullable: true })
  balance!: string | null;

  @Column({ type: 'text', nullable: true })
  currency!: string | null;

  @Column({ name: 'balances_as_of', type: 'timestamptz', nullable: true })
  balancesAsOf!: Date | null;

  @Column({ name: 'balances_key', type: 'text', nullable: true })
  balancesKey!: string | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt!: Date;

  /** Bare account lists (no application id) that named the account: they count for every linked application. */
  @Column({ name: 'list_event_count', type: 'integer' })
  listEventCount!: number;

  @Column({ name: 'list_first_at', type: 'timestamptz', nullable: true })
  listFirstAt!: Date | null;

  @Column({ name: 'list_last_at', type: 'timestamptz', nullable: true })
  listLastAt!: Date | null;
}
