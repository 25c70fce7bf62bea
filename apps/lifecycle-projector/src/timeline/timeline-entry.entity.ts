import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per raw event applied, unique on ce_id so a replay cannot duplicate it. The links are what
 * the event itself names (never resolved), so a row is the same whatever the order of delivery; an
 * application's timeline is the union of rows naming its id, its vendor_specific_id or its accounts.
 */
@Entity({ schema: 'lifecycle', name: 'timeline_entry' })
@Index('ix_timeline_entry_application_id', ['applicationId', 'receivedAt'])
@Index('ix_timeline_entry_vendor_specific_id', ['vendorSpecificId', 'receivedAt'])
@Index('ix_timeline_entry_bridge_item_id', ['bridgeItemId', 'receivedAt'])
export class TimelineEntry {
  @PrimaryColumn({ name: 'ce_id', type: 'text', primaryKeyConstraintName: 'uq_timeline_entry_ce_id' })
  ceId!: string;

  @Column({ type: 'text' })
  provider!: string;

  /** The provider's event name as sent (legacy Bridge names kept). */
  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'dedup_key', type: 'text' })
  dedupKey!: string;

  @Column({ name: 'application_id', type: 'text', nullable: true })
  applicationId!: string | null;

  @Column({ name: 'vendor_specific_id', type: 'text', nullable: true })
  vendorSpecificId!: string | null;

  @Index('ix_timeline_entry_account_refs')
  @Column({ name: 'account_refs', type: 'text', array: true, nullable: true })
  accountRefs!: string[] | null;

  @Column({ name: 'analysis_id', type: 'bigint', nullable: true })
  analysisId!: string | null;

  @Column({ name: 'bridge_item_id', type: 'bigint', nullable: true })
  bridgeItemId!: string | null;

  @Column({ name: 'bridge_user_uuid', type: 'uuid', nullable: true })
  bridgeUserUuid!: string | null;

  @Column({ name: 'bridge_account_id', type: 'bigint', nullable: true })
  bridgeAccountId!: string | null;

  @Column({ name: 'provider_time', type: 'timestamptz', nullable: true })
  providerTime!: Date | null;

  /** ce_time: when the ingress received the webhook. */
  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
