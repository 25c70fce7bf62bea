import { dlqTopicName } from '@ledgerhook/contracts';
import type { IHeaders, Producer } from 'kafkajs';
import type { ConsumedRecord } from '@ledgerhook/kafka';
import { describeError } from '../failures/transient-error';

export interface DeadLetter {
  record: ConsumedRecord;
  error: unknown;
}

/** Header names added to a dead-lettered record; the original headers, key and value are kept. */
export const DLQ_HEADERS = {
  error: 'dlq_error',
  consumer: 'dlq_consumer',
  topic: 'dlq_source_topic',
  partition: 'dlq_source_partition',
  offset: 'dlq_source_offset',
  failedAt: 'dlq_failed_at',
} as const;

/**
 * Sends poison records to `dlq.<consumer>.v1` with the original value, key and headers plus the
 * error and where the record came from, so it can be inspected and replayed. Resolves once Kafka
 * acknowledged them: only then may the source offset move past them.
 */
export class DeadLetterPublisher {
  readonly topic: string;

  constructor(
    private readonly producer: Producer,
    private readonly consumer: string,
    /** The producer retries without end (e.g. the DLQ topic is missing): give up on a send after this. */
    private readonly deadlineMs = 10_000,
  ) {
    this.topic = dlqTopicName(consumer);
  }

  async publish(letters: readonly DeadLetter[], failedAt: Date = new Date()): Promise<void> {
    if (letters.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Kafka did not acknowledge the dead letters within ${this.deadlineMs} ms`)),
        this.deadlineMs,
      );
    });
    try {
      await Promise.race([this.send(letters, failedAt), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async send(letters: readonly DeadLetter[], failedAt: Date): Promise<void> {
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: letters.map(({ record, error }) => {
        const headers: IHeaders = {
          ...record.headers,
          [DLQ_HEADERS.error]: describeError(error),
          [DLQ_HEADERS.consumer]: this.consumer,
          [DLQ_HEADERS.topic]: record.topic,
          [DLQ_HEADERS.partition]: String(record.partition),
          [DLQ_HEADERS.offset]: record.offset,
          [DLQ_HEADERS.failedAt]: failedAt.toISOString(),
        };
        return { key: record.key, value: record.value, headers };
      }),
    });
  }
}
