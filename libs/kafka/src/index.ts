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
export {
  countSince,
  endOffsets,
  readBetween,
  waitForGroupAtEnd,
  type EndOffsets,
} from './testing/topic-reader';
export type { InboundEvent, OutboxMessage, ProjectionHandler } from './projection/projection-handler';
export { decodeRecord, type DecodedRecord } from './projection/inbound-event.decoder';
export { DeadLetterPublisher, DLQ_HEADERS, type DeadLetter } from './projection/dead-letter.publisher';
export { OutboxRelay, type OutboxRelayOptions } from './projection/outbox-relay';
export { ProjectingConsumer, type ProjectingConsumerOptions } from './projection/projecting-consumer';
export { ProjectionMetrics } from './projection/projection-metrics';
export { describeError, isTransientError } from './projection/transient-error';
export { PROJECTION_HANDLER, ProjectionModule, type ProjectionModuleOptions } from './nest/projection.module';
export { consumerServiceImports, type ConsumerServiceOptions } from './nest/consumer-service.imports';
export { LocalKafkaInstance } from './testing/local-kafka-instance';
