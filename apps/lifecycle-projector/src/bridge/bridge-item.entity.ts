import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A Bridge item (bank connection) with the outcome of its newest refresh. */
@Entity({ schema: 'lifecycle', name: 'bridge_item' })
export class BridgeItem {
  @PrimaryColumn({ name: 'item_id', type: 'bigint', primaryKeyConstraintName: 'pk_bridge_item' })
  itemId!: string;

  @Index('ix_bridge_item_user_uuid')
  @Column({ name: 'user_uuid', type: 'uuid', nullable: true })
  userUuid!: string | null;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ name: 'status_code_info', type: 'text', nullable: true })
  statusCodeInfo!: string | null;

  /** connect | api | scheduler (open set) */
  @Column({ name: 'refresh_trigger', type: 'text', nullable: true })
  refreshTrigger!: string | null;

  @Column({ name: 'full_refresh', type: 'boolean', nullable: true })
  fullRefresh!: boolean | null;

  @Column({ name: 'account_types', type: 'text', nullable: true })
  accountTypes!: string | null;

  @Column({ name: 'authentication_expires_at', type: 'timestamptz', nullable: true })
  authenticationExpiresAt!: Date | null;

  @Column({ name: 'last_refreshed_at', type: 'timestamptz', nullable: true })
  lastRefreshedAt!: Date | null;

  @Column({ name: 'refresh_key', type: 'text', nullable: true })
  refreshKey!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', nullable: true })
  createdAt!: Date | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt!: Date;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
