import { type DynamicModule, Module } from '@nestjs/common';
import { type Logger, platformImports } from '@ledgerhook/platform';
import { PROVIDER_SIMULATOR, type ProviderSimulatorConfig } from './config/provider-simulator.config';
import { CreditChekAdminController } from './creditchek/creditchek-admin.controller';
import { CreditChekApiController } from './creditchek/creditchek-api.controller';
import { CreditChekInsights } from './creditchek/creditchek-insights';
import { CredfinApiController } from './credfin/credfin-api.controller';
import { CredfinScenarioController } from './credfin/credfin-scenario.controller';
import { FaultInjector } from './faults/fault-injector';
import { FaultsController } from './faults/faults.controller';
import { PROVIDER_SIMULATOR_CONFIG } from './provider-simulator.tokens';
import { TrafficController } from './traffic/traffic.controller';
import { TrafficGenerator } from './traffic/traffic-generator';

/**
 * Stands in for the providers' APIs in development, tests and demos (never in production): Credfin's
 * HMAC-authenticated report API with deterministic synthetic content, CreditChek's insight API (token
 * header, insights registered per borrower through /admin/creditchek/insights), fault injection, and
 * provider traffic to the ingress (/admin/traffic).
 */
@Module({})
export class ProviderSimulatorModule {
  static forRoot(config: ProviderSimulatorConfig, logger: Logger): DynamicModule {
    return {
      module: ProviderSimulatorModule,
      imports: platformImports(PROVIDER_SIMULATOR, logger),
      controllers: [
        CredfinApiController,
        CredfinScenarioController,
        CreditChekApiController,
        CreditChekAdminController,
        FaultsController,
        TrafficController,
      ],
      providers: [
        { provide: PROVIDER_SIMULATOR_CONFIG, useValue: config },
        { provide: FaultInjector, useFactory: () => FaultInjector.from(config.faults) },
        CreditChekInsights,
        TrafficGenerator,
      ],
    };
  }
}
