import type { CloudEventAttributes, ParsedProviderEvent, Provider } from '@ledgerhook/contracts';
import type { ConsumedRecord } from '@ledgerhook/kafka';

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
