/** What the ingress needs to publish a verified body: computed without trusting the body's shape. */
export interface EventIdentity {
  /** The provider's event name as sent (made header-safe if it is not a plain token). */
  eventName: string;
  /** ce_subject: the entity the event is about; never personal data. */
  subject: string;
  /** Kafka record key: all events of one application / borrower / item share it. */
  partitionKey: string;
  /** ce_dedupkey: same provider + event + body bytes -> same key. */
  dedupKey: string;
  /** Whether this version of the contracts knows the event type. */
  known: boolean;
  /** The name exactly as sent, when `eventName` had to be made header-safe (too long, odd characters). */
  sentEventName?: string;
}

/** The provider-specific part of an identity; the dispatcher adds the dedup key and fallbacks. */
export interface IdentityCore {
  eventName: string;
  known: boolean;
  /** Undefined when the body names no usable id: the dispatcher then keys by a hash of the body. */
  subject?: string;
  partitionKey?: string;
}
