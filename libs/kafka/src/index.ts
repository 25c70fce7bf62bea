export { kafkaConfigShape, loadKafkaConfig, type KafkaConfig } from './config/kafka-config';
export { createKafkaClient } from './client/kafka-client.factory';
export { ensureTopics } from './topics/topic-provisioner';
export { countSince, endOffsets, readBetween, type EndOffsets } from './topics/topic-range.reader';
export { createIdempotentProducer } from './producer/idempotent-producer.factory';
export { permanentRecordRejection } from './producer/permanent-record-rejection';
export { type ConsumedRecord, nextOffset, toConsumedRecord } from './consumer/consumed-record';
export { KAFKA_CLIENT, KafkaModule, type KafkaModuleOptions } from './nest/kafka.module';
