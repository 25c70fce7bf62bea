import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A Bridge user (pseudonymous uuid). `user.deleted` sets deleted_at; later events are still recorded. */
@Entity({ schema: 'lifecycle', name: 'bridge_user' })
export class BridgeUser {
  @PrimaryColumn({ name: 'user_uuid', type: 'uuid', primaryKeyConstraintName: 'pk_bridge_user' })
  userUuid!: string;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt!: Date;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
