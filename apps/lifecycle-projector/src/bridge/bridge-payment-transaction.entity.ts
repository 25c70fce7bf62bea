import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { merge, Merged } from '../merge/merged.decorator';

/** A Bridge payment transaction and its newest ISO 20022 status. */
@Entity({ name: 'bridge_payment_transaction' })
export class BridgePaymentTransaction {
  @PrimaryColumn({
    name: 'payment_transaction_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_bridge_payment_transaction',
  })
  paymentTransactionId!: string;

  @Index('ix_bridge_payment_transaction_payment_request_id')
  @Column({ name: 'payment_request_id', type: 'text', nullable: true })
  @Merged(merge.least)
  paymentRequestId!: string | null;

  @Column({ name: 'payment_link_id', type: 'text', nullable: true })
  @Merged(merge.least)
  paymentLinkId!: string | null;

  @Column({ name: 'client_reference', type: 'text', nullable: true })
  @Merged(merge.least)
  clientReference!: string | null;

  @Column({ name: 'end_to_end_id', type: 'text', nullable: true })
  @Merged(merge.least)
  endToEndId!: string | null;

  /** Only when the event names it (payment events usually do not). */
  @Index('ix_bridge_payment_transaction_item_id')
  @Column({ name: 'item_id', type: 'bigint', nullable: true })
  @Merged(merge.least)
  itemId!: string | null;

  @Index('ix_bridge_payment_transaction_user_uuid')
  @Column({ name: 'user_uuid', type: 'uuid', nullable: true })
  @Merged(merge.least)
  userUuid!: string | null;

  @Column({ type: 'text', nullable: true })
  @Merged(merge.newest('status_key'))
  status!: string | null;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  @Merged(merge.newest('status_key'))
  statusReason!: string | null;

  @Column({ name: 'status_at', type: 'timestamptz', nullable: true })
  @Merged(merge.newest('status_key'))
  statusAt!: Date | null;

  @Column({ name: 'status_key', type: 'text', nullable: true })
  @Merged(merge.newest('status_key'))
  statusKey!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', nullable: true })
  @Merged(merge.least)
  createdAt!: Date | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  @Merged(merge.least)
  firstSeenAt!: Date;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  @Merged(merge.greatest)
  lastEventAt!: Date;
}
