import { timingSafeEqual } from 'node:crypto';
import { Body, Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ProviderSimulatorConfig } from '../config/provider-simulator.config';
import { FaultInjector } from '../faults/fault-injector';
import { failInstead, sendContent } from '../faults/faulty-answer';
import { PROVIDER_SIMULATOR_CONFIG } from '../provider-simulator.tokens';
import { CreditChekInsights } from './creditchek-insights';

const sameToken = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * CreditChek's "get an existing insight" as libs/creditchek-api assumes it (README, assumptions about
 * CreditChek's API): `POST /income/api/process-income` with header `token` and `{ borrowerId }`;
 * 200 `{ status: true, message, data }` with the insight, 404 `{ status: false }` when there is none,
 * 401 without the right token. Faults from /admin/faults apply (scope `creditchek` or unscoped).
 */
@Controller('income/api')
export class CreditChekApiController {
  constructor(
    private readonly faults: FaultInjector,
    private readonly insights: CreditChekInsights,
    @Inject(PROVIDER_SIMULATOR_CONFIG) private readonly config: ProviderSimulatorConfig,
  ) {}

  @Post('process-income')
  async insight(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const failure = this.faults.hit(`creditchek ${req.path}`);
    const latency = this.faults.latencyMs(this.config.latencyMs, 'creditchek');
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const token = req.headers['token'];
    if (typeof token !== 'string' || !sameToken(token, this.config.creditchekToken)) {
      res.status(401).json({ status: false, message: 'Invalid token' });
      return;
    }
    if (failInstead(req, res, failure, { status: false, message: 'simulated failure' })) return;
    const borrowerId = (body as { borrowerId?: unknown } | undefined)?.borrowerId;
    if (typeof borrowerId !== 'string' || borrowerId === '') {
      res.status(400).json({ status: false, message: 'borrowerId is required' });
      return;
    }
    const data = this.insights.find(borrowerId);
    if (!data) {
      res.status(404).json({ status: false, message: 'No insight found for this borrower' });
      return;
    }
    const answer = Buffer.from(JSON.stringify({ status: true, message: 'Insight fetched', data }));
    sendContent(req, res, failure, 'application/json', answer);
  }
}
