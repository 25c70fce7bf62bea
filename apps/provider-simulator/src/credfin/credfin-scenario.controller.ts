import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { accountsOf } from './credfin-artifacts';

/**
 * What the simulated Credfin knows of an application (synthetic, never real people), so a test or a
 * demo can send the webhooks that match the reports the simulator will serve: the account lists,
 * balances and owner messages carry no application id, and only these accounts link them to it.
 */
@Controller('admin/credfin')
export class CredfinScenarioController {
  @Get('applications/:id')
  application(@Param('id') id: string): {
    applicationId: string;
    vendorSpecificId: string;
    accounts: { analysisId: string; bsb: string; number: string; holder: string }[];
  } {
    if (!/^\d+$/.test(id))
      throw new NotFoundException(`no simulated Credfin application ${id}: ids are digits`);
    return { applicationId: id, vendorSpecificId: `SIM-${id}`, accounts: accountsOf(id) };
  }
}
