import { Controller, Get, Header, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sessionOf } from '../auth/console-session.guard';
import { ReadApiClient } from '../read-apis/read-api.client';
import { APPLICATION_VIEW, APPLICATIONS_VIEW, TIMELINE_VIEW } from '../views/applications.view';
import { PageRenderer } from '../views/page-renderer';

interface ApplicationList {
  items: { applicationId: string; vendorSpecificId: string | null; status: string; updatedAt: string }[];
}

/**
 * Applications from the lifecycle-projector's read API (by application id or vendor_specific_id;
 * owners and contact come back masked: the console's token has no pii:read), their artifacts from
 * the report-retriever's.
 */
@Controller('applications')
export class ApplicationsController {
  constructor(
    @Inject(ReadApiClient) private readonly api: ReadApiClient,
    @Inject(PageRenderer) private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  async search(@Req() req: Request, @Res() res: Response, @Query('q') q?: unknown): Promise<void> {
    const session = sessionOf(req);
    if (typeof q === 'string' && q.trim() !== '') {
      const id = q.trim();
      const found = await this.api.json<{ applicationId: string }>(
        'lifecycle',
        `/applications/${encodeURIComponent(id)}`,
      );
      if (found) return res.redirect(303, `/applications/${encodeURIComponent(found.applicationId)}`);
      res
        .status(404)
        .send(
          this.pages.render('Applications', APPLICATIONS_VIEW, { q: id }, session, `No application ${id}.`),
        );
      return;
    }
    // The most recently updated first page: the read API pages ascending by update, so ask for the newest since an hour.
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const list = await this.api.json<ApplicationList>(
      'lifecycle',
      `/applications?limit=50&updatedSince=${since}`,
    );
    const recent = [...(list?.items ?? [])].reverse();
    res.send(this.pages.render('Applications', APPLICATIONS_VIEW, { q: '', recent }, session));
  }

  @Get(':id')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async detail(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const session = sessionOf(req);
    const path = `/applications/${encodeURIComponent(id)}`;
    const [application, artifacts] = await Promise.all([
      this.api.json<{ applicationId: string }>('lifecycle', path),
      this.api.json<{ artifacts: unknown[] }>('reports', `${path}/artifacts`),
    ]);
    if (!application) {
      res
        .status(404)
        .send(
          this.pages.render('Application', APPLICATIONS_VIEW, { q: id }, session, `No application ${id}.`),
        );
      return;
    }
    res.send(
      this.pages.render(
        `Application ${application.applicationId}`,
        APPLICATION_VIEW,
        { application, artifacts: artifacts?.artifacts ?? [] },
        session,
      ),
    );
  }

  @Get(':id/timeline')
  @Header('content-type', 'text/html; charset=utf-8')
  async timeline(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const session = sessionOf(req);
    const timeline = await this.api.json<{ applicationId: string }>(
      'lifecycle',
      `/applications/${encodeURIComponent(id)}/timeline`,
    );
    if (!timeline) {
      res
        .status(404)
        .send(this.pages.render('Timeline', APPLICATIONS_VIEW, { q: id }, session, `No application ${id}.`));
      return;
    }
    res.send(this.pages.render(`Timeline of ${timeline.applicationId}`, TIMELINE_VIEW, timeline, session));
  }
}
