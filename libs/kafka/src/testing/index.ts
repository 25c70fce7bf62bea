export { LocalKafkaInstance } from './local-kafka-instance';
export { countSince, endOffsets, readBetween, waitForGroupAtEnd, type EndOffsets } from './topic-reader';
