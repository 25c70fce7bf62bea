import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { merge, Merged } from '../merge/merged.decorator';

/** A Bridge item (bank connection) with the outcome of its newest refresh. */
@Entity({ name: 'bridge_item' })
export class BridgeItem {
  @PrimaryColumn({ name: 'item_id', type: 'bigint', primaryKeyConstraintName: 'pk_bridge_item' })
  itemId!: string;

  @Index('ix_bridge_item_user_uuid')
  @Column({ name: 'user_uuid', type: 'uuid', nullable: true })
  @Merged(merge.least)
  userUuid!: string | null;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  @Merged(merge.newest('refresh_key'))
  statusCode!: number | null;

  @Column({ name: 'status_code_info', type: 'text', nullable: true })
  @Merged(merge.newest('refresh_key'))
  statusCodeInfo!: string | null;

  /** connect | api | scheduler (open set) */
  @Column({ name: 'refresh_trigger', type: 'text', nullable: true })
  @Merged(merge.newest('refresh_key'))
  refreshTrigger!: string | null;

  @Column({ name: 'full_refresh', type: 'boolean', nullable: true })
  @Merged(merge.newest('refresh_key'))
  fullRefresh!: boolean | null;

  @Column({ name: 'account_types', type: 'text', nullable: true })
  @Merged(merge.newest('refresh_key'))
  accountTypes!: string | null;

  @Column({ name: 'authentication_expires_at', type: 'timestamptz', nullable: true })
  @Merged(merge.newest('refresh_key'))
  authenticationExpiresAt!: Date | null;

  @Column({ name: 'last_refreshed_at', type: 'timestamptz', nullable: true })
  @Merged(merge.newest('refresh_key'))
  lastRefreshedAt!: Date | null;

  @Column({ name: 'refresh_key', type: 'text', nullable: true })
  @Merged(merge.newest('refresh_key'))
  refreshKey!: string | null;

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
