import './tracing';
import 'reflect-metadata';
import { KafkaBatchTransport } from '@ledgerhook/consumer';
import { createKafkaClient } from '@ledgerhook/kafka';
import { bootstrapService, runService } from '@ledgerhook/platform';
import { loadReportRetrieverConfig } from './config/report-retriever.config';
import { ReportRetrieverModule } from './report-retriever.module';

void runService('report-retriever', async (logger) => {
  const config = loadReportRetrieverConfig();
  const kafka = createKafkaClient(config.kafka, logger);
  return bootstrapService({
    service: 'report-retriever',
    module: ReportRetrieverModule.forRoot(config, kafka, logger),
    port: config.port,
    logger,
    microservice: (app) => app.get(KafkaBatchTransport),
  });
});
