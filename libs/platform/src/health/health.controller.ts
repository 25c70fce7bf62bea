import { PublicRoute } from '../auth/public-route.decorator';
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ReadinessRegistry } from './readiness.registry';

// Open: probes and the scraper carry no token.
@PublicRoute()
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  /** Liveness: the process is up and its event loop answers. */
  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: every registered dependency is usable and the service is not draining. */
  @Get('readyz')
  async readyz(@Res() response: Response): Promise<void> {
    const { ready, checks, reasons, details } = await this.readiness.evaluate();
    response.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not_ready',
      checks,
      ...(ready ? {} : { reasons }),
      ...(Object.keys(details).length > 0 ? { details } : {}),
    });
  }
}
