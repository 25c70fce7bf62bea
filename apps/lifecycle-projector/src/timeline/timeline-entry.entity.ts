import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { merge, Merged } from '../merge/merged.decorator';

/**
 * One row per raw event applied, unique on ce_id so a replay cannot duplicate it. The links are what
 * the event itself names (never resolved), so a row is the same whatever the order of delivery; an
 * application's timeline is the union of rows naming its id, its vendor_specific_id or its accounts.
 */
@Entity({ name: 'timeline_entry' })
@Index('ix_timeline_entry_application_id', ['applicationId', 'receivedAt'])
@Index('ix_timeline_entry_vendor_specific_id', ['vendorSpecificId', 'receivedAt'])
@Index('ix_timeline_entry_bridge_item_id', ['bridgeItemId', 'receivedAt'])
export class TimelineEntry {
  @PrimaryColumn({ name: 'ce_id', type: 'text', primaryKeyConstraintName: 'uq_timeline_entry_ce_id' })
  ceId!: string;

  @Column({ type: 'text' })
  @Merged(merge.first)
  provider!: string;

  /** The provider's event name as sent (legacy Bridge names kept). */
  @Column({ name: 'event_type', type: 'text' })
  @Merged(merge.first)
  eventType!: string;

  @Column({ type: 'text' })
  @Merged(merge.first)
  subject!: string;

  @Column({ name: 'dedup_key', type: 'text' })
  @Merged(merge.first)
  dedupKey!: string;

  @Column({ name: 'application_id', type: 'text', nullable: true })
  @Merged(merge.first)
  applicationId!: string | null;

  @Column({ name: 'vendor_specific_id', type: 'text', nullable: true })
  @Merged(merge.first)
  vendorSpecificId!: string | null;

  @Index('ix_timeline_entry_account_refs')
  @Column({ name: 'account_refs', type: 'text', array: true, nullable: true })
  @Merged(merge.first)
  accountRefs!: string[] | null;

  @Column({ name: 'analysis_id', type: 'bigint', nullable: true })
  @Merged(merge.first)
  analysisId!: string | null;

  @Column({ name: 'bridge_item_id', type: 'bigint', nullable: true })
  @Merged(merge.first)
  bridgeItemId!: string | null;

  @Column({ name: 'bridge_user_uuid', type: 'uuid', nullable: true })
  @Merged(merge.first)
  bridgeUserUuid!: string | null;

  @Column({ name: 'bridge_account_id', type: 'bigint', nullable: true })
  @Merged(merge.first)
  bridgeAccountId!: string | null;

  @Column({ name: 'provider_time', type: 'timestamptz', nullable: true })
  @Merged(merge.first)
  providerTime!: Date | null;

  /** ce_time: when the ingress received the webhook. */
  @Column({ name: 'received_at', type: 'timestamptz' })
  @Merged(merge.first)
  receivedAt!: Date;
}
