import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FaultInjector } from '../faults/fault-injector';
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
    const latency = this.faults.latencyMs(this.config.latencyMs);
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (problem) {
      res.status(401).json({ error: 'unauthorized', message: problem });
      return;
    }
    if (failure?.reset) {
      req.socket.destroy();
      return;
    }
    if (failure && !failure.truncate) {
      if (failure.retryAfterSeconds) res.setHeader('retry-after', String(failure.retryAfterSeconds));
      res.status(failure.status).json({ error: 'simulated failure' });
      return;
    }
    const found = content();
    if (!found) {
      res.status(404).json({ error: 'not_found' });
      return;
    }
    res.status(200).type(found.type).setHeader('content-length', String(found.body.length));
    if (failure?.truncate) {
      // The connection drops mid-download: the headers and half the promised bytes, then nothing.
      res.write(found.body.subarray(0, Math.floor(found.body.length / 2)), () => req.socket.destroy());
      return;
    }
    res.end(found.body);
  }
}
