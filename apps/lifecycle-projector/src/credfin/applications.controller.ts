import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { PiiDisclosure } from '@ledgerhook/platform';
import type { Request } from 'express';
import { badParameter, notFound } from '../http-errors';
import { canonicalTime } from '../events/event-time';
import { APPLICATION_PII } from './application-pii';
import { isApplicationStatus } from './application-status';
import { ApplicationsQuery } from './applications.query';
import { CursorError, decodeCursor } from './cursor';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

function single(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badParameter(name, `${name} must be given once`);
  return value;
}

@Controller('applications')
export class ApplicationsController {
  constructor(
    @Inject(ApplicationsQuery) private readonly query: ApplicationsQuery,
    @Inject(PiiDisclosure) private readonly pii: PiiDisclosure,
  ) {}

  @Get()
  async list(
    @Query('status') statusParam?: unknown,
    @Query('updatedSince') updatedSinceParam?: unknown,
    @Query('cursor') cursorParam?: unknown,
    @Query('limit') limitParam?: unknown,
  ) {
    const status = single('status', statusParam);
    if (status !== undefined && !isApplicationStatus(status)) {
      throw badParameter('status', `unknown status ${JSON.stringify(status)}`);
    }
    const updatedSinceText = single('updatedSince', updatedSinceParam);
    const updatedSince = updatedSinceText === undefined ? undefined : canonicalTime(updatedSinceText);
    if (updatedSinceText !== undefined && updatedSince === undefined) {
      throw badParameter('updatedSince', 'must be an RFC 3339 timestamp, e.g. 2024-05-01T00:00:00Z');
    }
    const cursorText = single('cursor', cursorParam);
    let cursor;
    try {
      cursor = cursorText === undefined ? undefined : decodeCursor(cursorText);
    } catch (error) {
      if (error instanceof CursorError) throw badParameter('cursor', error.message);
      throw error;
    }
    const limitText = single('limit', limitParam);
    const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
    if (limitText !== undefined && (!/^\d+$/.test(limitText) || limit < 1 || limit > MAX_LIMIT)) {
      throw badParameter('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
    }
    return this.query.list({ status, updatedSince, cursor, limit });
  }

  @Get(':id')
  async get(@Param('id') id: string, @Req() request: Request) {
    const application = await this.query.findApplication(id);
    if (!application) throw notFound('application', id);
    // Contact and owner details only with pii:read (and audited), masked otherwise.
    return this.pii.disclose(
      request,
      `application:${application.applicationId}`,
      application,
      APPLICATION_PII,
    );
  }

  @Get(':id/timeline')
  async timeline(@Param('id') id: string) {
    const timeline = await this.query.timeline(id);
    if (!timeline) throw notFound('application', id);
    return timeline;
  }
}
