import { Column, Entity, PrimaryColumn } from 'typeorm';
import { merge, Merged } from '../merge/merged.decorator';

/** A Bridge user (pseudonymous uuid). `user.deleted` sets deleted_at; later events are still recorded. */
@Entity({ name: 'bridge_user' })
export class BridgeUser {
  @PrimaryColumn({ name: 'user_uuid', type: 'uuid', primaryKeyConstraintName: 'pk_bridge_user' })
  userUuid!: string;

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
