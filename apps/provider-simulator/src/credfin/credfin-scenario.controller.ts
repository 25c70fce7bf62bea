import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import {
  type CredfinWebhook,
  credfinLifeCycle,
  type SimulatedApplication,
  simulatedApplication,
} from '../traffic/credfin-life-cycle';

/**
 * What the simulated Credfin knows of an application (synthetic, never real people), so a test or a
 * demo can send the webhooks that match the reports the simulator will serve: the account lists,
 * balances and owner messages carry no application id, and only these accounts link them to it.
 */
@Controller('admin/credfin')
export class CredfinScenarioController {
  @Get('applications/:id')
  application(@Param('id') id: string): SimulatedApplication {
    return simulatedApplication(applicationId(id));
  }

  /** Its whole life cycle of webhooks, in Credfin's order, as the traffic generator sends it. */
  @Get('applications/:id/webhooks')
  webhooks(@Param('id') id: string): CredfinWebhook[] {
    return credfinLifeCycle(simulatedApplication(applicationId(id)));
  }
}

function applicationId(id: string): string {
  if (!/^\d{1,15}$/.test(id))
    throw new NotFoundException(`no simulated Credfin application ${id}: ids are 1 to 15 digits`);
  return id;
}
