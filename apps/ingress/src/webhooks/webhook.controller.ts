import { Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SourceRegistry } from '../sources/source-registry';
import type { WebhookSource } from '../sources/webhook-source';
import { IngressMetrics } from '../observability/ingress-metrics';
import { WebhookIntake } from './webhook-intake.service';
import { rejected, type WebhookOutcome } from './webhook-outcome';

const NOT_FOUND = rejected(404, 'not_found', 'No webhook source is configured under this path.');

/** POST /webhooks/{credfin,creditchek,bridge} and POST /webhooks/sources/:source (configured sources). */
@Controller('webhooks')
export class WebhookController {
  constructor(
    @Inject(WebhookIntake) private readonly intake: WebhookIntake,
    @Inject(SourceRegistry) private readonly sources: SourceRegistry,
    @Inject(IngressMetrics) private readonly metrics: IngressMetrics,
  ) {}

  @Post('sources/:source')
  async generic(
    @Param('source') name: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.handle(this.sources.genericSource(name), name, request, response);
  }

  @Post(':provider')
  async provider(
    @Param('provider') name: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.handle(this.sources.provider(name), name, request, response);
  }

  private async handle(
    source: WebhookSource | undefined,
    name: string,
    request: Request,
    response: Response,
  ): Promise<void> {
    const started = performance.now();
    const outcome = source ? await this.intake.receive(source, request) : NOT_FOUND;
    this.answer(response, request, outcome);
    // Unknown names are not a label value: they would let anyone create metric series.
    const label = source ? name : 'unknown';
    this.metrics.requests.inc({ source: label, status: String(outcome.status) });
    this.metrics.requestDuration.observe({ source: label }, (performance.now() - started) / 1000);
  }

  private answer(response: Response, request: Request, outcome: WebhookOutcome): void {
    if (outcome.retryAfterSeconds) response.setHeader('Retry-After', String(outcome.retryAfterSeconds));
    if (outcome.challenge) response.setHeader('WWW-Authenticate', outcome.challenge);
    if (outcome.status === 413 && !request.complete) {
      // The rest of an oversized body is never read: close the connection once the answer is out.
      response.setHeader('Connection', 'close');
      response.once('finish', () => request.socket.destroySoon());
    }
    response.status(outcome.status).json(outcome.body);
  }
}
