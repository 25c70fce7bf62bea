import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The sealed raw body of a crawler.seed_created event (the seed is a credential needed for a refresh;
 * where Credfin puts it in the payload is undocumented, so the whole body is sealed). AES-256-GCM with
 * AAD `crawler-seed:<application id>:<ce_id>`; never returned by the API, never logged.
 */
@Entity({ schema: 'lifecycle', name: 'crawler_seed' })
@Index('ix_crawler_seed_application_id', ['applicationId', 'receivedAt'])
export class CrawlerSeed {
  @PrimaryColumn({ name: 'ce_id', type: 'text', primaryKeyConstraintName: 'pk_crawler_seed' })
  ceId!: string;

  @Column({ name: 'application_id', type: 'text' })
  applicationId!: string;

  @Column({ name: 'vendor_specific_id', type: 'text', nullable: true })
  vendorSpecificId!: string | null;

  @Column({ name: 'crawler_uuids', type: 'text', array: true })
  crawlerUuids!: string[];

  @Column({ name: 'key_id', type: 'text' })
  keyId!: string;

  @Column({ type: 'bytea' })
  iv!: Buffer;

  @Column({ name: 'auth_tag', type: 'bytea' })
  authTag!: Buffer;

  @Column({ type: 'bytea' })
  ciphertext!: Buffer;

  @Column({ name: 'provider_time', type: 'timestamptz', nullable: true })
  providerTime!: Date | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}

/** The AAD that binds a sealed seed to its row. */
export function crawlerSeedAad(applicationId: string, ceId: string): string {
  return `crawler-seed:${applicationId}:${ceId}`;
}
