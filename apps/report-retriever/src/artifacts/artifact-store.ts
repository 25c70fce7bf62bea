import type { ReportKind } from '@ledgerhook/contracts';
import type { EntityManager } from 'typeorm';

export interface ArtifactMeta {
  provider: 'credfin';
  applicationId: string;
  vendorSpecificId?: string;
  /** Per-account artifacts only. */
  analysisId?: string;
  accountRef?: string;
  accountLast4?: string;
  kind: ReportKind;
  contentType: string;
  sourceCeId: string;
  fetchedAt: Date;
}

export interface StoredArtifact extends ArtifactMeta {
  id: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * Where fetched artifacts live (PostgreSQL by default; an object store could implement it). Writes
 * run in the consumer's transaction, so an artifact, its announcement and the offset commit together.
 */
export interface ArtifactStore {
  /**
   * Streams the body in; `created: false` (and nothing written) when the same content is already
   * stored for the same application, analysis and kind.
   */
  store(
    manager: EntityManager,
    meta: ArtifactMeta,
    body: AsyncIterable<Buffer | Uint8Array>,
  ): Promise<{ artifact: StoredArtifact; created: boolean }>;
  /** The newest artifact of a kind for an analysis or an application, if any. */
  find(
    manager: EntityManager,
    key: { kind: ReportKind; analysisId?: string; applicationId?: string },
  ): Promise<StoredArtifact | undefined>;
  get(id: string): Promise<StoredArtifact | undefined>;
  /** By application id or vendor_specific_id, oldest first. */
  listForApplication(idOrVendorSpecificId: string): Promise<StoredArtifact[]>;
  /** The content, piece by piece. */
  read(id: string): AsyncIterable<Buffer>;
}

export const ARTIFACT_STORE = Symbol('ARTIFACT_STORE');
