import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which relay instance publishes a producer's outbox, until when (renewed on every pass). */
@Entity({ schema: 'platform', name: 'outbox_relay_lease' })
export class OutboxRelayLease {
  @PrimaryColumn({ type: 'text' })
  producer!: string;

  @Column({ type: 'text' })
  holder!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
