import { Column, Entity, PrimaryColumn } from 'typeorm';
import { merge, Merged } from '../merge/merged.decorator';

/**
 * A bank account Credfin reported, keyed by its reference (sha256 of BSB + number, as in raw keys):
 * bare account lists carry no application id, so account data cannot hang off the application.
 * Balances are exact `numeric` in major units; `balances_as_of` is the time of the data held.
 */
@Entity({ name: 'credfin_account' })
export class CredfinAccount {
  @PrimaryColumn({ name: 'account_ref', type: 'text', primaryKeyConstraintName: 'pk_credfin_account' })
  accountRef!: string;

  @Column({ type: 'text' })
  @Merged(merge.least)
  bsb!: string;

  @Column({ type: 'text' })
  @Merged(merge.least)
  number!: string;

  @Column({ name: 'numbers_known_at', type: 'timestamptz', nullable: true })
  @Merged(merge.least)
  numbersKnownAt!: Date | null;

  /** Its own order key: an event without an available balance never overwrites a known one. */
  @Column({ type: 'numeric', nullable: true })
  @Merged(merge.newest('available_key'))
  available!: string | null;

  @Column({ name: 'available_key', type: 'text', nullable: true })
  @Merged(merge.newest('available_key'))
  availableKey!: string | null;

  @Column({ type: 'numeric', nullable: true })
  @Merged(merge.newest('balances_key'))
  balance!: string | null;

  /** Of both amounts (Credfin's are AUD): a fact that does not change, whichever amount brought it. */
  @Column({ type: 'text', nullable: true })
  @Merged(merge.least)
  currency!: string | null;

  @Column({ name: 'balances_as_of', type: 'timestamptz', nullable: true })
  @Merged(merge.newest('balances_key'))
  balancesAsOf!: Date | null;

  @Column({ name: 'balances_key', type: 'text', nullable: true })
  @Merged(merge.newest('balances_key'))
  balancesKey!: string | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  @Merged(merge.least)
  firstSeenAt!: Date;

  /** Bare account lists (no application id) that named the account: they count for every linked application. */
  @Column({ name: 'list_event_count', type: 'integer' })
  @Merged(merge.sum)
  listEventCount!: number;

  @Column({ name: 'list_first_at', type: 'timestamptz', nullable: true })
  @Merged(merge.least)
  listFirstAt!: Date | null;

  @Column({ name: 'list_last_at', type: 'timestamptz', nullable: true })
  @Merged(merge.greatest)
  listLastAt!: Date | null;
}
