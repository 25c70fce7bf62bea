import { type BridgeEvent, parseBridgeEvent } from './bridge/bridge-event';
import { bridgeIdentity } from './bridge/bridge-identity';
import { type CredfinEvent, parseCredfinEvent } from './credfin/credfin-event';
import { credfinIdentity } from './credfin/credfin-identity';
import { type CreditChekEvent, parseCreditChekEvent } from './creditchek/creditchek-event';
import { creditchekIdentity } from './creditchek/creditchek-identity';
import { buildDedupKey } from './envelope/dedup-key';
import type { Provider } from './provider';
import type { AccountRefs } from './shared/account-ref';
import type { EventIdentity, IdentityCore } from './shared/event-identity';
import { safeEventName } from './shared/event-name';
import { sha256Hex } from './shared/hashing';
import { isRecord } from './shared/safe-id';

// Dispatch per provider. The ingress calls identifyProviderEvent on every verified body before
// publishing it: it must never throw, whatever the body, and must key unknown event types too.

const IDENTIFIERS: Record<
  Provider,
  (body: Record<string, unknown>, refs: AccountRefs) => IdentityCore | { error: string }
> = {
  credfin: credfinIdentity,
  creditchek: creditchekIdentity,
  bridge: bridgeIdentity,
};

/**
 * Event name, subject, partition key and dedup key of a verified body. Returns `{ error }` only when
 * the body is not an object or lacks the field naming the event (`event` for Credfin and CreditChek,
 * `type` for Bridge; Credfin's bare account-owner message is recognised by `messageType`).
 */
export function identifyProviderEvent(
  provider: Provider,
  body: unknown,
  rawBody: Buffer,
  /** Credfin keys account-owner messages by `acct:` reference (ACCOUNT_REF_KEY). */
  refs: AccountRefs,
): EventIdentity | { error: string } {
  if (!isRecord(body)) return { error: `${provider} body is not a JSON object` };
  const identify = IDENTIFIERS[provider];
  if (!identify) return { error: `unknown provider ${JSON.stringify(provider)}` };
  let core: IdentityCore | { error: string };
  try {
    core = identify(body, refs);
  } catch {
    // Defensive: identity code reads untrusted data, and a bug in it must not lose a verified
    // delivery: keep the event under the name it was sent with, keyed by its body (below).
    const named = body[provider === 'bridge' ? 'type' : 'event'];
    if (typeof named !== 'string' || named.trim() === '') {
      return { error: `${provider} body names no event (${provider === 'bridge' ? 'type' : 'event'})` };
    }
    core = { eventName: named, known: false };
  }
  if ('error' in core) return core;
  // No usable id in the body: key by the body hash (spreads evenly; retries still dedup).
  const fallback = `body:${sha256Hex(rawBody, 32)}`;
  const subject = core.subject ?? core.partitionKey ?? fallback;
  const partitionKey = core.partitionKey ?? subject;
  const eventName = safeEventName(core.eventName);
  return {
    eventName,
    subject,
    partitionKey,
    dedupKey: buildDedupKey({ source: provider, eventName, naturalId: subject, rawBody }),
    known: core.known,
    ...(eventName !== core.eventName ? { sentEventName: core.eventName } : {}),
  };
}

export type ParsedProviderEvent = CredfinEvent | CreditChekEvent | BridgeEvent;

/**
 * Typed event for consumers: a discriminated union on `provider`, `known` and `eventName`. Unknown
 * event types give `{ known: false, eventName, body }`; a known type whose required fields are invalid
 * throws ContractViolationError naming the field paths.
 */
export function parseProviderEvent(provider: Provider, body: unknown): ParsedProviderEvent {
  switch (provider) {
    case 'credfin':
      return parseCredfinEvent(body);
    case 'creditchek':
      return parseCreditChekEvent(body);
    case 'bridge':
      return parseBridgeEvent(body);
    default:
      throw new Error(`unknown provider ${JSON.stringify(provider satisfies never)}`);
  }
}
