import type { CloudEventAttributes, ParsedProviderEvent, Provider } from '@ledgerhook/contracts';
import type { ConsumedRecord } from '@ledgerhook/kafka';

/** One raw record, decoded and validated with libs/contracts before any handler sees it. */
export interface InboundEvent {
  record: ConsumedRecord;
  /** The record's CloudEvents headers (ce_id, ce_type, ce_time, ce_dedupkey, …). */
  attributes: CloudEventAttributes;
  /** From ce_source (`/providers/<provider>`, or `/providers/<provider>/reconciler` when the platform fetched it). */
  provider: Provider;
  /** The body, parsed into its typed event (`known: false` for event types the contracts do not know). */
  event: ParsedProviderEvent;
}

/**
 * A record one of our own services published (lending.*), or any record of a consumer that reads
 * provider bodies itself (`typedProviderEvents: false`): CloudEvents headers as for raw events, the
 * value parsed as JSON but not validated here. The handler reads it with its contract's schema.
 */
export interface DownstreamEvent {
  record: ConsumedRecord;
  attributes: CloudEventAttributes;
  /** The producing service or provider, from ce_source (`/providers/<service>`). */
  source: string;
  value: unknown;
}

/** What a handler receives: a provider's raw event or one of our own published records. */
export type ConsumedEvent = InboundEvent | DownstreamEvent;

export function isDownstreamEvent(event: ConsumedEvent): event is DownstreamEvent {
  return !('provider' in event);
}

/** A record to publish once the transaction that produced it has committed (transactional outbox). */
export interface OutboxMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}
