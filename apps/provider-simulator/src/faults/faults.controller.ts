import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { FaultInjector } from './fault-injector';
import { faultsSchema } from './faults.schema';
import { parseAdminBody } from '../admin-body.parser';

/** Test and demo controls of the simulator (never part of a real provider). */
@Controller('admin')
export class FaultsController {
  constructor(private readonly faults: FaultInjector) {}

  @Post('faults')
  @HttpCode(204)
  setFaults(@Body() body: unknown): void {
    this.faults.set(parseAdminBody(faultsSchema, body));
  }

  @Delete('faults')
  @HttpCode(204)
  clearFaults(): void {
    this.faults.clear();
  }

  /** Requests per `<provider> <path>` since start or the last reset. */
  @Get('hits')
  hits(): Record<string, number> {
    return this.faults.hitCounts();
  }

  @Delete('hits')
  @HttpCode(204)
  resetHits(): void {
    this.faults.resetHits();
  }
}
