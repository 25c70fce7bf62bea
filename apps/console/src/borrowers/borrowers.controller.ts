import { Controller, Get, Header, Inject, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { sessionOf } from '../auth/console-session.guard';
import { ReadApiClient } from '../read-apis/read-api.client';
import { BORROWERS_VIEW } from '../views/borrowers.view';
import { PageRenderer } from '../views/page-renderer';

/** A borrower's state and score history, from the income-scorer's read API. */
@Controller('borrowers')
export class BorrowersController {
  constructor(
    @Inject(ReadApiClient) private readonly api: ReadApiClient,
    @Inject(PageRenderer) private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  async find(@Req() req: Request, @Query('q') q?: unknown): Promise<string> {
    const session = sessionOf(req);
    const id = typeof q === 'string' ? q.trim() : '';
    if (!id) return this.pages.render('Borrowers', BORROWERS_VIEW, { q: '' }, session);
    const path = `/borrowers/${encodeURIComponent(id)}`;
    const [borrower, scores] = await Promise.all([
      this.api.json<unknown>('scores', path),
      this.api.json<unknown>('scores', `${path}/scores`),
    ]);
    const error = borrower ? undefined : `No borrower ${id}.`;
    return this.pages.render('Borrowers', BORROWERS_VIEW, { q: id, borrower, scores }, session, error);
  }
}
