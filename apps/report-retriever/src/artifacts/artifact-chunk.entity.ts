import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An artifact's bytes in pieces of at most 1 MiB, written as they arrive and read back one at a time:
 * a 50 MB PDF never sits whole in memory (bytea in one row would, on both sides; large objects would
 * need a driver of their own).
 */
@Entity({ schema: 'reports', name: 'artifact_chunk' })
export class ArtifactChunk {
  @PrimaryColumn({ name: 'artifact_id', type: 'uuid', primaryKeyConstraintName: 'pk_artifact_chunk' })
  artifactId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_artifact_chunk' })
  seq!: number;

  @Column({ type: 'bytea' })
  data!: Buffer;
}
