export { LocalKafkaInstance } from './local-kafka-instance';
export { countSince, endOffsets, readBetween, type EndOffsets } from '../topics/topic-range.reader';
export { waitForGroupAtEnd } from './group-progress';
