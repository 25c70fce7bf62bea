import { type Admin, type Kafka, type Producer } from 'kafkajs';
import { OPS_AUDIT_TOPIC_SPEC, type OpsAuditRecord, opsAuditRecordSchema } from '@ledgerhook/contracts';
import { createIdempotentProducer, ensureTopics } from '@ledgerhook/kafka';
import { describeError } from '@ledgerhook/consumer';
import { AuditUnavailableError } from '../errors/audit-unavailable.error';

export interface AuditIdentity {
  /** Who runs the operations (an operator's name or login, never a customer's data). */
  actor: string;
  /** The tool, e.g. "ledgerhook-cli". */
  client: string;
}

export type AuditEntry = Omit<OpsAuditRecord, 'actor' | 'client' | 'at'>;

// The idempotent producer retries without limit; an operator waits this long for the audit trail.
const DEFAULT_TIMEOUT_MS = 15_000;

/** Writes records to ops.audit.v1, each acknowledged by every in-sync replica before it resolves. */
export class OpsAuditWriter {
  private constructor(
    private readonly producer: Producer,
    private readonly identity: AuditIdentity,
    private readonly timeoutMs: number,
  ) {}

  /** Makes sure ops.audit.v1 exists and connects; AuditUnavailableError if either fails. */
  static async open(
    kafka: Kafka,
    admin: Admin,
    identity: AuditIdentity,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<OpsAuditWriter> {
    const producer = createIdempotentProducer(kafka);
    try {
      await withDeadline(
        (async () => {
          await ensureTopics(admin, [OPS_AUDIT_TOPIC_SPEC]);
          await producer.connect();
        })(),
        timeoutMs,
      );
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw new AuditUnavailableError(
        `cannot reach the audit topic ${OPS_AUDIT_TOPIC_SPEC.name} (${describeError(error)}): nothing was changed; fix the connection or the topic and run again`,
        { cause: error },
      );
    }
    return new OpsAuditWriter(producer, identity, timeoutMs);
  }

  /** Resolves once Kafka acknowledged the record; throws (not AuditUnavailableError) otherwise. */
  async write(entry: AuditEntry, at: Date = new Date()): Promise<OpsAuditRecord> {
    const record = opsAuditRecordSchema.parse({ ...entry, ...this.identity, at: at.toISOString() });
    await withDeadline(
      this.producer.send({
        topic: OPS_AUDIT_TOPIC_SPEC.name,
        acks: -1,
        messages: [
          {
            key: record.operationId,
            value: JSON.stringify(record),
            headers: { 'content-type': 'application/json' },
          },
        ],
      }),
      this.timeoutMs,
    );
    return record;
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

async function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no acknowledgement within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
