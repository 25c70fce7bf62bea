import './tracing';
import 'reflect-metadata';
import { KafkaBatchTransport } from '@ledgerhook/consumer';
import { createKafkaClient } from '@ledgerhook/kafka';
import { bootstrapService, runService } from '@ledgerhook/platform';
import { loadIncomeScorerConfig } from './config/income-scorer.config';
import { IncomeScorerModule } from './income-scorer.module';

void runService('income-scorer', async (logger) => {
  const config = loadIncomeScorerConfig();
  const kafka = createKafkaClient(config.kafka, logger);
  return bootstrapService({
    service: 'income-scorer',
    module: IncomeScorerModule.forRoot(config, kafka, logger),
    port: config.port,
    logger,
    microservice: (app) => app.get(KafkaBatchTransport),
  });
});
