import type { OutgoingRecord } from './group-commit.publisher';

/** What the intake needs from publishing: resolve once Kafka acknowledged the record, else throw. */
export interface EventPublisher {
  publish(record: OutgoingRecord): Promise<void>;
}
