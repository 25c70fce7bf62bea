import { Body, ConflictException, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { TrafficGenerator, type TrafficSummary } from './traffic-generator';
import { trafficSettingsSchema } from './traffic.settings';
import { parseAdminBody } from '../admin-body.parser';

/** Test and demo controls of the provider traffic (never part of a real provider). */
@Controller('admin/traffic')
export class TrafficController {
  constructor(private readonly traffic: TrafficGenerator) {}

  /** Starts a run with these settings (replacing the one in progress); answers its summary. */
  @Post()
  @HttpCode(202)
  start(@Body() body: unknown): TrafficSummary {
    if (!this.traffic.configured)
      throw new ConflictException(
        'no traffic target: set CREDFIN_WEBHOOK_USERNAME, CREDFIN_WEBHOOK_PASSWORD, CREDITCHEK_WEBHOOK_SECRETS and BRIDGE_WEBHOOK_SECRETS',
      );
    this.traffic.start(parseAdminBody(trafficSettingsSchema, body));
    return this.traffic.summary();
  }

  /** What the current (or last) run sent: flows per provider, deliveries by status, retries. */
  @Get()
  summary(): TrafficSummary {
    return this.traffic.summary();
  }

  /** Stops starting flows; those in flight finish. */
  @Delete()
  @HttpCode(204)
  stop(): void {
    this.traffic.stop();
  }
}
