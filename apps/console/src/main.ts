import 'reflect-metadata';
import { createKafkaClient } from '@ledgerhook/kafka';
import { bootstrapService, runService } from '@ledgerhook/platform';
import { CONSOLE, loadConsoleConfig } from './config/console.config';
import { ConsoleModule } from './console.module';

void runService(CONSOLE, async (logger) => {
  const config = loadConsoleConfig();
  const kafka = createKafkaClient(config.kafka, logger);
  return bootstrapService({
    service: CONSOLE,
    module: ConsoleModule.forRoot(config, kafka, logger),
    port: config.port,
    logger,
  });
});
