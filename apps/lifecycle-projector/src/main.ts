import 'reflect-metadata';
import { createKafkaClient, KafkaConsumerTransport } from '@ledgerhook/kafka';
import { bootstrapService, runService } from '@ledgerhook/platform';
import { loadLifecycleProjectorConfig } from './config/lifecycle-projector.config';
import { LifecycleProjectorModule } from './lifecycle-projector.module';

void runService('lifecycle-projector', async (logger) => {
  const config = loadLifecycleProjectorConfig();
  const kafka = createKafkaClient(config.kafka, logger);
  return bootstrapService({
    service: 'lifecycle-projector',
    module: LifecycleProjectorModule.forRoot(config, kafka, logger),
    port: config.port,
    logger,
    microservice: new KafkaConsumerTransport({ kafka, groupId: 'lifecycle-projector', logger }),
  });
});
