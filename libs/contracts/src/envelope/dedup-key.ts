import { sha256Hex } from '../shared/hashing';
import { safeIdPart } from '../shared/safe-id';

// None of the providers sends an event id, so the idempotency key is derived: the same body of the
// same event from the same provider always gives the same key (a provider retry re-sends the same
// bytes), and a different body gives a different key. The natural id is in clear for debugging; it is
// already PII-free (a subject). The body is only present as a hash.
export interface DedupKeyInput {
  source: string;
  eventName: string;
  /** The event's subject (entity id), already free of personal data. */
  naturalId: string;
  rawBody: Buffer;
}

/** `<source>:<eventName>:<naturalId>:<first 32 hex of sha256(rawBody)>`. */
export function buildDedupKey(input: DedupKeyInput): string {
  return [input.source, safeIdPart(input.eventName), input.naturalId, sha256Hex(input.rawBody, 32)].join(':');
}
