import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import {
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Req,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { runAudited } from '@ledgerhook/operations';
import type { Request, Response } from 'express';
import { sessionOf } from '../auth/console-session.guard';
import { RequireRole } from '../auth/console-route.decorators';
import { CONSOLE_CONFIG } from '../console.tokens';
import type { ConsoleConfig } from '../config/console.config';
import { ConsoleKafka } from '../operations/console-kafka';
import { ReadApiClient } from '../read-apis/read-api.client';

/**
 * An artifact's content (a bank report cannot be masked), streamed from the report-retriever with
 * the pii:read token, for operators only and recorded on ops.audit.v1 first.
 */
@Controller('artifacts')
export class ArtifactsController {
  constructor(
    @Inject(ReadApiClient) private readonly api: ReadApiClient,
    @Inject(ConsoleKafka) private readonly kafka: ConsoleKafka,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  @Get(':id')
  @RequireRole('operator')
  async download(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const token = this.config.readApis.piiToken;
    if (!token) throw new ServiceUnavailableException('downloads need CONSOLE_PII_API_TOKEN');
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFoundException(`no artifact ${id}`);
    const audit = await this.kafka.audit(sessionOf(req).username);
    const { value: upstream } = await runAudited(
      audit,
      'console.artifact-download',
      { artifact: id },
      () => this.api.get('reports', `/artifacts/${id}`, token),
      (response) => ({ status: response.status }),
    );
    if (upstream.status === 404 || !upstream.body) throw new NotFoundException(`no artifact ${id}`);
    if (!upstream.ok)
      throw new ServiceUnavailableException(`the reports read API answered ${upstream.status}`);
    const type = upstream.headers.get('content-type') ?? 'application/octet-stream';
    const extension = type.includes('pdf')
      ? 'pdf'
      : type.includes('html')
        ? 'html'
        : type.includes('json')
          ? 'json'
          : 'bin';
    res.status(200).setHeader('content-type', type);
    res.setHeader('content-disposition', `attachment; filename="artifact-${id}.${extension}"`);
    res.setHeader('cache-control', 'no-store');
    await pipeline(Readable.fromWeb(upstream.body as ReadableStream<Uint8Array>), res);
  }
}
