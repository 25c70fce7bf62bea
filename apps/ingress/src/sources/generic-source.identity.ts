import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { buildDedupKey, safeEventName, safeIdPart, type EventIdentity } from '@ledgerhook/contracts';
import type { GenericSourceConfig } from './generic-sources.config';
import { resolveJsonPointer } from '@ledgerhook/contracts';

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * Identity of a generic source's event from its configured pointers. The event type must be there
 * (it is the field that names the event); a missing partition key falls back to the Standard
 * Webhooks `webhook-id`, then to a hash of the body, so a verified event is never dropped.
 */
export function identifyGenericEvent(
  source: GenericSourceConfig,
  body: unknown,
  rawBody: Buffer,
  headers: IncomingHttpHeaders,
): EventIdentity | { error: string } {
  const eventName = idOf(resolveJsonPointer(body, source.eventTypePointer));
  if (!eventName) return { error: `the body has no event type at ${source.eventTypePointer || '(root)'}` };
  const entity = idOf(resolveJsonPointer(body, source.partitionKeyPointer));
  const webhookId = idOf(headers['webhook-id']);
  const subject = entity
    ? safeIdPart(entity)
    : webhookId
      ? `msg-${safeIdPart(webhookId)}`
      : `body-${createHash('sha256').update(rawBody).digest('hex').slice(0, 32)}`;
  return {
    eventName: safeEventName(eventName),
    subject,
    partitionKey: subject,
    dedupKey: buildDedupKey({
      source: source.name,
      eventName: safeEventName(eventName),
      naturalId: subject,
      rawBody,
    }),
    known: false,
    ...(safeEventName(eventName) !== eventName ? { sentEventName: eventName } : {}),
  };
}
