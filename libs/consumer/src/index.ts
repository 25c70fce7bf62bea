export { BatchConsumer, type BatchConsumerOptions, type BatchHandler } from './batch/batch-consumer';
export { ChunkRunner, type ChunkResult, type ChunkRunnerPolicy } from './batch/chunk-runner';
export { DeadLetterPublisher, DLQ_HEADERS, type DeadLetter } from './dead-letters/dead-letter.publisher';
export {
  type ConsumedEvent,
  type DownstreamEvent,
  type InboundEvent,
  isDownstreamEvent,
  type OutboxMessage,
} from './events/inbound-event';
export { decodeRecord, type DecodedRecord, type DecodeOptions } from './events/inbound-event.decoder';
export { providerEvents } from './events/provider-events';
export {
  DependencyUnavailableError,
  RejectedEventError,
  SystematicFailure,
} from './failures/consumer-errors';
export { classifyFailure, type FailureKind } from './failures/failure-kind';
export { describeError, isTransientError } from './failures/transient-error';
export { ConsumerMetrics } from './metrics/consumer.metrics';
export { ConsumerModule } from './nest/consumer.module';
export { consumerServiceImports, type ConsumerServiceOptions } from './nest/consumer-service.imports';
export { OutboxRelay, type OutboxRelayOptions } from './outbox/outbox-relay';
export { BatchContext } from './transport/batch-context';
export { CONSUMER_OPTIONS, type ConsumerOptions } from './transport/consumer-options';
export { KafkaBatchTransport } from './transport/kafka-batch.transport';
