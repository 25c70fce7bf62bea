import { type DynamicModule, Module } from '@nestjs/common';
import { TOPIC_CATALOGUE } from '@ledgerhook/contracts';
import { KafkaModule } from '@ledgerhook/kafka';
import { platformImports, type Logger } from '@ledgerhook/platform';
import type { Kafka } from 'kafkajs';
import { INGRESS_CONFIG, type IngressConfig } from './config/ingress.config';

const RAW_TOPICS = TOPIC_CATALOGUE.filter((topic) => topic.name.startsWith('webhooks.'));

@Module({})
export class IngressModule {
  static forRoot(config: IngressConfig, kafka: Kafka, logger: Logger): DynamicModule {
    return {
      module: IngressModule,
      imports: [
        ...platformImports('ingress', logger),
        KafkaModule.forService({ config: config.kafka, client: kafka, topics: RAW_TOPICS }),
      ],
      providers: [{ provide: INGRESS_CONFIG, useValue: config }],
    };
  }
}
