import type { InboundEvent } from '@ledgerhook/consumer';
import { canonicalTime, orderKey } from './event-time';

/** What every projected write needs to know about the event it comes from. */
export interface EventContext {
  ceId: string;
  /** ce_time, canonical UTC. */
  receivedAt: string;
  /** The provider's own time when it gave a readable one, else undefined. */
  providerTime: string | undefined;
  /** providerTime, or ce_time when the provider gave none: the time of the data the event carries. */
  asOf: string;
  /** Order key of the event's facts. */
  key: string;
}

export function eventContext(event: InboundEvent, providerTimeText?: string | null): EventContext {
  const receivedAt = canonicalTime(event.attributes.time);
  // parseCloudEventHeaders already checked ce_time; this guards a handler called with hand-made input.
  if (receivedAt === undefined) throw new Error(`unreadable ce_time on ${event.attributes.id}`);
  const providerTime = canonicalTime(providerTimeText);
  const asOf = providerTime ?? receivedAt;
  return {
    ceId: event.attributes.id,
    receivedAt,
    providerTime,
    asOf,
    key: orderKey(asOf, receivedAt, event.attributes.id),
  };
}

/** The same event's order key for a fact carrying its own time (a crawler's timestamp). */
export function factKey(context: EventContext, factTime: string): string {
  return orderKey(factTime, context.receivedAt, context.ceId);
}
