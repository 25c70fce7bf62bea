import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { merge, Merged } from '../merge/merged.decorator';

/** A Bridge account: exact balance (EUR, numeric major units) and the newest update's transaction counts. */
@Entity({ name: 'bridge_account' })
export class BridgeAccount {
  @PrimaryColumn({ name: 'account_id', type: 'bigint', primaryKeyConstraintName: 'pk_bridge_account' })
  accountId!: string;

  @Index('ix_bridge_account_item_id')
  @Column({ name: 'item_id', type: 'bigint', nullable: true })
  @Merged(merge.least)
  itemId!: string | null;

  @Column({ name: 'user_uuid', type: 'uuid', nullable: true })
  @Merged(merge.least)
  userUuid!: string | null;

  @Column({ type: 'numeric', nullable: true })
  @Merged(merge.newest('balance_key'))
  balance!: string | null;

  @Column({ type: 'text', nullable: true })
  @Merged(merge.newest('balance_key'))
  currency!: string | null;

  @Column({ name: 'balance_as_of', type: 'timestamptz', nullable: true })
  @Merged(merge.newest('balance_key'))
  balanceAsOf!: Date | null;

  /** The counts have their own order key: an update without `balance` keeps the stored balance. */
  @Column({ name: 'nb_new_transactions', type: 'integer', nullable: true })
  @Merged(merge.newest('transactions_key'))
  nbNewTransactions!: number | null;

  @Column({ name: 'nb_updated_transactions', type: 'integer', nullable: true })
  @Merged(merge.newest('transactions_key'))
  nbUpdatedTransactions!: number | null;

  @Column({ name: 'nb_deleted_transactions', type: 'integer', nullable: true })
  @Merged(merge.newest('transactions_key'))
  nbDeletedTransactions!: number | null;

  @Column({ name: 'transactions_key', type: 'text', nullable: true })
  @Merged(merge.newest('transactions_key'))
  transactionsKey!: string | null;

  @Column({ name: 'balance_key', type: 'text', nullable: true })
  @Merged(merge.newest('balance_key'))
  balanceKey!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', nullable: true })
  @Merged(merge.least)
  createdAt!: Date | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  @Merged(merge.least)
  firstSeenAt!: Date;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  @Merged(merge.greatest)
  lastEventAt!: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  @Merged(merge.least)
  deletedAt!: Date | null;
}
