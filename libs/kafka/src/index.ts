export { kafkaConfigShape, loadKafkaConfig, type KafkaConfig } from './config/kafka-config';
export { createKafkaClient } from './client/kafka-client.factory';
export { ensureTopics } from './topics/topic-provisioner';
export { createIdempotentProducer } from './producer/idempotent-producer.factory';
export { type ConsumedRecord, nextOffset, toConsumedRecord } from './consumer/consumed-record';
export { CommittingConsumer, type CommittingConsumerOptions } from './consumer/committing-consumer';
export {
  KafkaConsumerTransport,
  type KafkaConsumerTransportOptions,
} from './consumer/kafka-consumer.transport';
export { KAFKA_CLIENT, KafkaModule, type KafkaModuleOptions } from './nest/kafka.module';
export { countSince, endOffsets, readBetween, type EndOffsets } from './testing/topic-reader';
