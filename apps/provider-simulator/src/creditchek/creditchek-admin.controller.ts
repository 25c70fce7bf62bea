import { Body, Controller, Delete, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { CreditChekInsights, syntheticInsight } from './creditchek-insights';
import { parseAdminBody } from '../admin-body.parser';

const registration = z
  .object({
    borrowerId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id ([A-Za-z0-9_-], at most 64)'),
    /** Which public shape the synthetic insight takes (ignored with `data`). */
    form: z.enum(['flat', 'record', 'failed']).default('flat'),
    appId: z.string().min(1).max(64).optional(),
    /** The exact insight `data` to serve instead of synthetic content. */
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** Test and demo controls of the simulated CreditChek (never part of the real provider). */
@Controller('admin/creditchek')
export class CreditChekAdminController {
  constructor(private readonly insights: CreditChekInsights) {}

  /** Gives a borrower an insight CreditChek will serve; answers the `data` it will serve. */
  @Post('insights')
  register(@Body() body: unknown): { borrowerId: string; data: Record<string, unknown> } {
    const { borrowerId, form, appId, data } = parseAdminBody(registration, body);
    const served = data ?? syntheticInsight(borrowerId, form, appId);
    this.insights.register(borrowerId, served);
    return { borrowerId, data: served };
  }

  @Delete('insights')
  @HttpCode(204)
  clear(): void {
    this.insights.clear();
  }
}
