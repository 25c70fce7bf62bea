import { RejectedEventError } from '../failures/consumer-errors';
import { type ConsumedEvent, type InboundEvent, isDownstreamEvent } from './inbound-event';

/** A raw topic's events, all a provider's: a record of our own services there is refused (DLQ). */
export function providerEvents(events: readonly ConsumedEvent[]): InboundEvent[] {
  return events.map((event) => {
    if (isDownstreamEvent(event))
      throw new RejectedEventError(`a raw topic carried a record of ${event.source}, not of a provider`);
    return event;
  });
}
