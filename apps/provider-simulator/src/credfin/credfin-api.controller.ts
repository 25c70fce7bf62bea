import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FaultInjector } from '../faults/fault-injector';
import { failInstead, sendContent } from '../faults/faulty-answer';
import { PROVIDER_SIMULATOR_CONFIG } from '../provider-simulator.tokens';
import type { ProviderSimulatorConfig } from '../config/provider-simulator.config';
import {
  analysisReport,
  applicationOfAnalysis,
  applicationReport,
  bundle,
  html,
  pdf,
} from './credfin-artifacts';
import { credfinSignatureProblem } from './credfin-signature.check';

type Content = { type: string; body: Buffer } | undefined;

/**
 * Credfin's report API as the platform's defaults assume it (see README): every request must carry
 * a valid HMAC signature and a Date within 5 minutes, else 401.
 */
@Controller('api')
export class CredfinApiController {
  constructor(
    private readonly faults: FaultInjector,
    @Inject(PROVIDER_SIMULATOR_CONFIG) private readonly config: ProviderSimulatorConfig,
  ) {}

  @Get(['application/:id/bundle', 'applications/:id/bundle'])
  getBundle(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.answer(req, res, () =>
      /^\d+$/.test(id) ? { type: 'application/json', body: bundle(id) } : undefined,
    );
  }

  @Get('application/:id/report')
  getApplicationReport(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.answer(req, res, () =>
      /^\d+$/.test(id) ? { type: 'application/json', body: applicationReport(id) } : undefined,
    );
  }

  @Get('application/:id/summary/:format')
  getSummary(
    @Param('id') id: string,
    @Param('format') format: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.answer(req, res, () => {
      if (!/^\d+$/.test(id)) return undefined;
      if (format === 'pdf') return { type: 'application/pdf', body: pdf(`Credfin summary ${id}`) };
      if (format === 'html') return { type: 'text/html; charset=utf-8', body: html(`Credfin summary ${id}`) };
      return undefined;
    });
  }

  @Get('analysis/:id/:format')
  getAnalysis(
    @Param('id') id: string,
    @Param('format') format: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.answer(req, res, () => {
      const found = applicationOfAnalysis(id);
      if (!found) return undefined;
      if (format === 'report')
        return { type: 'application/json', body: analysisReport(found.applicationId, found.account) };
      if (format === 'pdf') return { type: 'application/pdf', body: pdf(`Credfin analysis ${id}`) };
      if (format === 'html')
        return { type: 'text/html; charset=utf-8', body: html(`Credfin analysis ${id}`) };
      return undefined;
    });
  }

  private async answer(req: Request, res: Response, content: () => Content): Promise<void> {
    const problem = credfinSignatureProblem(
      { method: req.method, url: req.originalUrl, headers: req.headers, body: Buffer.alloc(0) },
      this.config.credfinToken,
    );
    const failure = this.faults.hit(`credfin ${req.path}`);
    const latency = this.faults.latencyMs(this.config.latencyMs, 'credfin');
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (problem) {
      res.status(401).json({ error: 'unauthorized', message: problem });
      return;
    }
    if (failInstead(req, res, failure, { error: 'simulated failure' })) return;
    const found = content();
    if (!found) {
      res.status(404).json({ error: 'not_found' });
      return;
    }
    sendContent(req, res, failure, found.type, found.body);
  }
}
