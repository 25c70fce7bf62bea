import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { merge, Merged } from '../merge/merged.decorator';

/**
 * The sealed raw body of a crawler.seed_created event (the seed is a credential needed for a refresh;
 * where Credfin puts it in the payload is undocumented, so the whole body is sealed). AES-256-GCM with
 * AAD `crawler-seed:<application id>:<ce_id>`; never returned by the API, never logged.
 */
@Entity({ name: 'crawler_seed' })
@Index('ix_crawler_seed_application_id', ['applicationId', 'receivedAt'])
export class CrawlerSeed {
  @PrimaryColumn({ name: 'ce_id', type: 'text', primaryKeyConstraintName: 'pk_crawler_seed' })
  ceId!: string;

  @Column({ name: 'application_id', type: 'text' })
  @Merged(merge.first)
  applicationId!: string;

  @Column({ name: 'vendor_specific_id', type: 'text', nullable: true })
  @Merged(merge.first)
  vendorSpecificId!: string | null;

  @Column({ name: 'crawler_uuids', type: 'text', array: true })
  @Merged(merge.first)
  crawlerUuids!: string[];

  @Column({ name: 'key_id', type: 'text' })
  @Merged(merge.first)
  keyId!: string;

  @Column({ type: 'bytea' })
  @Merged(merge.first)
  iv!: Buffer;

  @Column({ name: 'auth_tag', type: 'bytea' })
  @Merged(merge.first)
  authTag!: Buffer;

  @Column({ type: 'bytea' })
  @Merged(merge.first)
  ciphertext!: Buffer;

  @Column({ name: 'provider_time', type: 'timestamptz', nullable: true })
  @Merged(merge.first)
  providerTime!: Date | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  @Merged(merge.first)
  receivedAt!: Date;
}
