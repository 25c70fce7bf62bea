import './tracing';
import 'reflect-metadata';
import { createKafkaClient } from '@ledgerhook/kafka';
import { bootstrapService, runService } from '@ledgerhook/platform';
import { loadIngressConfig } from './config/ingress.config';
import { IngressModule } from './ingress.module';

void runService('ingress', async (logger) => {
  const config = loadIngressConfig();
  const kafka = createKafkaClient(config.kafka, logger);
  return bootstrapService({
    service: 'ingress',
    module: IngressModule.forRoot(config, kafka, logger),
    port: config.port,
    logger,
    // Webhooks are verified on the raw bytes; the webhook routes read the body themselves.
    bodyParser: false,
    shutdownGraceMs: config.shutdownGraceMs,
    // A backstop for what the intake does not see (slow headers); the intake answers 408 itself first.
    requestTimeoutMs: 2 * config.requestTimeoutMs,
  });
});
