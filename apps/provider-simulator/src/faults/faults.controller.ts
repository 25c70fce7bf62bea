import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { FaultInjector } from './fault-injector';
import { faultsSchema } from './faults.schema';

/** Test and demo controls of the simulator (never part of a real provider). */
@Controller('admin')
export class FaultsController {
  constructor(private readonly faults: FaultInjector) {}

  @Post('faults')
  @HttpCode(204)
  setFaults(@Body() body: unknown): void {
    const parsed = faultsSchema.safeParse(body);
    if (!parsed.success)
      throw new BadRequestException(
        parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`),
      );
    this.faults.set(parsed.data);
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
