import { PublicRoute } from '../auth/public-route.decorator';
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MetricsRegistry } from './metrics.registry';

// Open: probes and the scraper carry no token.
@PublicRoute()
@Controller()
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get('metrics')
  async metrics(@Res() response: Response): Promise<void> {
    response.setHeader('content-type', this.registry.contentType);
    response.send(await this.registry.metrics());
  }
}
