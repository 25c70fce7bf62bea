import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { uuidv7 } from '@ledgerhook/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { ArtifactMeta, ArtifactStore, StoredArtifact } from './artifact-store';

const CHUNK_BYTES = 1024 * 1024;

interface ArtifactRow {
  id: string;
  provider: 'credfin';
  application_id: string;
  vendor_specific_id: string | null;
  analysis_id: string;
  account_ref: string | null;
  account_last4: string | null;
  kind: StoredArtifact['kind'];
  content_type: string;
  size_bytes: string;
  sha256: string;
  fetched_at: Date;
  source_ce_id: string;
}

const COLUMNS = `id, provider, application_id, vendor_specific_id, analysis_id, account_ref, account_last4,
  kind, content_type, size_bytes, sha256, fetched_at, source_ce_id`;

function toArtifact(row: ArtifactRow): StoredArtifact {
  return {
    id: row.id,
    provider: row.provider,
    applicationId: row.application_id,
    ...(row.vendor_specific_id ? { vendorSpecificId: row.vendor_specific_id } : {}),
    ...(row.analysis_id ? { analysisId: row.analysis_id } : {}),
    ...(row.account_ref ? { accountRef: row.account_ref } : {}),
    ...(row.account_last4 ? { accountLast4: row.account_last4 } : {}),
    kind: row.kind,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    fetchedAt: row.fetched_at,
    sourceCeId: row.source_ce_id,
  };
}

/** ArtifactStore in PostgreSQL: metadata in reports.artifact, bytes in 1 MiB reports.artifact_chunk rows. */
@Injectable()
export class PostgresArtifactStore implements ArtifactStore {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async store(
    manager: EntityManager,
    meta: ArtifactMeta,
    body: AsyncIterable<Buffer | Uint8Array>,
  ): Promise<{ artifact: StoredArtifact; created: boolean }> {
    const id = uuidv7();
    const hash = createHash('sha256');
    let size = 0;
    let seq = 0;
    // One staging buffer, reused row after row (it grows up to CHUNK_BYTES, so a small artifact stays
    // small): every copy made per row is garbage the GC collects late, and node-postgres already makes
    // two while sending it. Reusing it after each awaited INSERT is safe: pg has copied it by then.
    let staging = Buffer.alloc(0);
    let filled = 0;
    const flush = async () => {
      if (filled === 0) return;
      await manager.query('INSERT INTO reports.artifact_chunk (artifact_id, seq, data) VALUES ($1, $2, $3)', [
        id,
        seq++,
        staging.subarray(0, filled),
      ]);
      filled = 0;
    };
    for await (const piece of body) {
      const buffer = Buffer.isBuffer(piece)
        ? piece
        : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      hash.update(buffer);
      size += buffer.length;
      for (let offset = 0; offset < buffer.length;) {
        const take = Math.min(buffer.length - offset, CHUNK_BYTES - filled);
        if (staging.length < filled + take) {
          const grown = Buffer.allocUnsafe(
            Math.min(CHUNK_BYTES, Math.max(filled + take, staging.length * 2)),
          );
          staging.copy(grown, 0, 0, filled);
          staging = grown;
        }
        buffer.copy(staging, filled, offset, offset + take);
        filled += take;
        offset += take;
        if (filled === CHUNK_BYTES) await flush();
      }
    }
    await flush();
    const sha256 = hash.digest('hex');
    const inserted: ArtifactRow[] = await manager.query(
      `INSERT INTO reports.artifact (${COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT ON CONSTRAINT uq_artifact_content DO NOTHING RETURNING ${COLUMNS}`,
      [
        id,
        meta.provider,
        meta.applicationId,
        meta.vendorSpecificId ?? null,
        meta.analysisId ?? '',
        meta.accountRef ?? null,
        meta.accountLast4 ?? null,
        meta.kind,
        meta.contentType,
        size,
        sha256,
        meta.fetchedAt,
        meta.sourceCeId,
      ],
    );
    if (inserted[0]) return { artifact: toArtifact(inserted[0]), created: true };
    // The same content is already stored: keep the first, drop the copy's bytes.
    await manager.query('DELETE FROM reports.artifact_chunk WHERE artifact_id = $1', [id]);
    const [existing] = (await manager.query(
      `SELECT ${COLUMNS} FROM reports.artifact
        WHERE application_id = $1 AND analysis_id = $2 AND kind = $3 AND sha256 = $4`,
      [meta.applicationId, meta.analysisId ?? '', meta.kind, sha256],
    )) as ArtifactRow[];
    return { artifact: toArtifact(existing as ArtifactRow), created: false };
  }

  async find(
    manager: EntityManager,
    key: { kind: StoredArtifact['kind']; analysisId?: string; applicationId?: string },
  ): Promise<StoredArtifact | undefined> {
    const rows: ArtifactRow[] = key.analysisId
      ? await manager.query(
          `SELECT ${COLUMNS} FROM reports.artifact WHERE analysis_id = $1 AND kind = $2 ORDER BY fetched_at DESC LIMIT 1`,
          [key.analysisId, key.kind],
        )
      : await manager.query(
          `SELECT ${COLUMNS} FROM reports.artifact WHERE application_id = $1 AND analysis_id = '' AND kind = $2
            ORDER BY fetched_at DESC LIMIT 1`,
          [key.applicationId, key.kind],
        );
    return rows[0] ? toArtifact(rows[0]) : undefined;
  }

  async get(id: string): Promise<StoredArtifact | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const rows: ArtifactRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM reports.artifact WHERE id = $1`,
      [id],
    );
    return rows[0] ? toArtifact(rows[0]) : undefined;
  }

  async listForApplication(idOrVendorSpecificId: string): Promise<StoredArtifact[]> {
    const rows: ArtifactRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM reports.artifact WHERE application_id = $1 OR vendor_specific_id = $1
        ORDER BY fetched_at, id`,
      [idOrVendorSpecificId],
    );
    return rows.map(toArtifact);
  }

  async *read(id: string): AsyncIterable<Buffer> {
    for (let seq = 0; ; seq++) {
      const rows: { data: Buffer }[] = await this.dataSource.query(
        'SELECT data FROM reports.artifact_chunk WHERE artifact_id = $1 AND seq = $2',
        [id, seq],
      );
      if (!rows[0]) return;
      yield rows[0].data;
    }
  }
}
