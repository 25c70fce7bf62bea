import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { PII_SCOPE, PiiDisclosure, type PiiPolicy, RequireScopes } from '@ledgerhook/platform';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { ARTIFACT_STORE, type ArtifactStore, type StoredArtifact } from './artifact-store';

const view = (artifact: StoredArtifact) => ({
  ...artifact,
  fetchedAt: artifact.fetchedAt.toISOString(),
  link: `/artifacts/${artifact.id}`,
});

// The whole content is personal: nothing to mask field by field (the route needs pii:read anyway).
const ARTIFACT_CONTENT: PiiPolicy<null> = { fields: () => ['content'], mask: () => null };

/** Read API of the stored artifacts (apps/report-retriever/openapi.yaml). */
@Controller()
export class ArtifactsController {
  constructor(
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
    @Inject(PiiDisclosure) private readonly pii: PiiDisclosure,
  ) {}

  /** By application id or vendor_specific_id. */
  @Get('applications/:id/artifacts')
  async list(
    @Param('id') id: string,
  ): Promise<{ application: string; artifacts: ReturnType<typeof view>[] }> {
    const artifacts = await this.store.listForApplication(id);
    if (artifacts.length === 0) throw new NotFoundException(`no artifacts for application ${id}`);
    return { application: id, artifacts: artifacts.map(view) };
  }

  /**
   * The content, streamed, with its type; ETag is its SHA-256 (If-None-Match answers 304). A bank
   * report cannot be masked: it needs pii:read, and each read is audited.
   */
  @Get('artifacts/:id')
  @RequireScopes(PII_SCOPE)
  async content(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const artifact = await this.store.get(id);
    if (!artifact) throw new NotFoundException(`no artifact ${id}`);
    this.pii.disclose(req, `artifact:${artifact.id}`, null, ARTIFACT_CONTENT);
    const etag = `"${artifact.sha256}"`;
    res.setHeader('etag', etag);
    res.setHeader('cache-control', 'private, max-age=0, must-revalidate');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.status(200).setHeader('content-type', artifact.contentType);
    res.setHeader('content-length', String(artifact.sizeBytes));
    await pipeline(Readable.from(this.store.read(artifact.id)), res);
  }
}
