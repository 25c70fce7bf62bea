import './tracing';
import 'reflect-metadata';
import { bootstrapService, runService } from '@ledgerhook/platform';
import { loadProviderSimulatorConfig, PROVIDER_SIMULATOR } from './config/provider-simulator.config';
import { ProviderSimulatorModule } from './provider-simulator.module';

void runService(PROVIDER_SIMULATOR, async (logger) => {
  const config = loadProviderSimulatorConfig();
  return bootstrapService({
    service: PROVIDER_SIMULATOR,
    module: ProviderSimulatorModule.forRoot(config, logger),
    port: config.port,
    logger,
  });
});
