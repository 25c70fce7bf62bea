import type { Provider } from '../provider';
import { identifyProviderEvent } from '../provider-event-identity';
import type { AccountRefs } from '../shared/account-ref';
import type { EventIdentity } from '../shared/event-identity';
import { buildCloudEventHeaders } from './cloud-event-headers';

export interface ProviderRecordOptions {
  /** ce_time: when the platform received (or fetched) the event. */
  receivedAt: Date;
  /** Credfin keys account-owner messages by `acct:` reference (ACCOUNT_REF_KEY). */
  refs: AccountRefs;
  /** Set for an event the platform fetched itself: ce_source `/providers/<provider>/<origin>`. */
  origin?: string;
  /** ce_id from the event's identity (e.g. deterministic, for a record that may be published again); default a new UUIDv7. */
  idFor?: (identity: EventIdentity) => string;
  traceparent?: string;
}

export interface ProviderRecord {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  identity: EventIdentity;
}

/**
 * A provider's event as a raw-topic record, as the ingress publishes a webhook: the body bytes as the
 * value, the partition key as the key, the CloudEvents headers from identifyProviderEvent. For code
 * that publishes a provider's event without receiving it over HTTP (the CreditChek reconciler) and for
 * tests, so that the identity, the dedup key and the headers are computed by the same functions.
 */
export function providerRecord(
  provider: Provider,
  rawBody: Buffer,
  options: ProviderRecordOptions,
): ProviderRecord {
  const identity = identifyProviderEvent(
    provider,
    JSON.parse(rawBody.toString('utf8')),
    rawBody,
    options.refs,
  );
  if ('error' in identity) throw new Error(identity.error);
  const headers = buildCloudEventHeaders({
    source: provider,
    eventName: identity.eventName,
    subject: identity.subject,
    dedupKey: identity.dedupKey,
    receivedAt: options.receivedAt,
    contentType: 'application/json',
    ...(options.origin === undefined ? {} : { origin: options.origin }),
    ...(options.idFor ? { id: options.idFor(identity) } : {}),
    ...(options.traceparent ? { traceparent: options.traceparent } : {}),
  });
  return { key: identity.partitionKey, value: rawBody, headers, identity };
}
