import type { CloudEventAttributes, ParsedProviderEvent, Provider } from '@ledgerhook/contracts';
import type { EntityManager } from 'typeorm';
import type { ConsumedRecord } from '../consumer/consumed-record';

/** One raw record, decoded and validated with libs/contracts before any handler sees it. */
export interface InboundEvent {
  record: ConsumedRecord;
  /** The record's CloudEvents headers (ce_id, ce_type, ce_time, ce_dedupkey, …). */
  attributes: CloudEventAttributes;
  /** From ce_source (`/providers/<provider>`). */
  provider: Provider;
  /** The body, parsed into its typed event (`known: false` for event types the contracts do not know). */
  event: ParsedProviderEvent;
}

/** A record to publish once the transaction that produced it has committed (transactional outbox). */
export interface OutboxMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * What a projecting consumer implements. `apply` runs inside the consumer's database transaction,
 * after the inbox removed events already applied, with the events of one partition in offset order.
 * It must be deterministic (replaying a topic gives the same state) and may throw: a throw rolls the
 * whole transaction back (the plumbing then retries, and isolates a poison event into the DLQ).
 */
export interface ProjectionHandler {
  apply(manager: EntityManager, events: readonly InboundEvent[]): Promise<OutboxMessage[]>;
}
