import './tracing';
import 'reflect-metadata';
import { KafkaBatchTransport } from '@ledgerhook/consumer';
import { createKafkaClient } from '@ledgerhook/kafka';
import { bootstrapService, runService } from '@ledgerhook/platform';
import { LIFECYCLE_PROJECTOR, loadLifecycleProjectorConfig } from './config/lifecycle-projector.config';
import { LifecycleProjectorModule } from './lifecycle-projector.module';

void runService(LIFECYCLE_PROJECTOR, async (logger) => {
  const config = loadLifecycleProjectorConfig();
  const kafka = createKafkaClient(config.kafka, logger);
  return bootstrapService({
    service: LIFECYCLE_PROJECTOR,
    module: LifecycleProjectorModule.forRoot(config, kafka, logger),
    port: config.port,
    microservice: (app) => app.get(KafkaBatchTransport),
    logger,
  });
});
