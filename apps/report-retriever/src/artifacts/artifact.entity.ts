import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * One artifact fetched from Credfin and stored (its bytes in artifact_chunk). Stored once per
 * (application, analysis, kind, content): a replay or a bundle repeating it stores nothing new.
 */
@Entity({ schema: 'reports', name: 'artifact' })
@Unique('uq_artifact_content', ['applicationId', 'analysisId', 'kind', 'sha256'])
export class Artifact {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_artifact' })
  id!: string;

  @Column({ type: 'text' })
  provider!: string;

  @Column({ name: 'application_id', type: 'text' })
  applicationId!: string;

  @Column({ name: 'vendor_specific_id', type: 'text', nullable: true })
  vendorSpecificId!: string | null;

  /** '' for an application-level artifact (so the unique constraint covers it). */
  @Column({ name: 'analysis_id', type: 'text' })
  analysisId!: string;

  @Column({ name: 'account_ref', type: 'text', nullable: true })
  accountRef!: string | null;

  @Column({ name: 'account_last4', type: 'text', nullable: true })
  accountLast4!: string | null;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ name: 'size_bytes', type: 'bigint' })
  sizeBytes!: string;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ name: 'fetched_at', type: 'timestamptz' })
  fetchedAt!: Date;

  @Column({ name: 'source_ce_id', type: 'text' })
  sourceCeId!: string;
}
