import { buildCloudEventHeaders } from '../envelope/cloud-event-headers';
import type { Provider } from '../provider';
import { identifyProviderEvent } from '../provider-event-identity';
import type { AccountRefs } from '../shared/account-ref';
import { TEST_ACCOUNT_REFS } from './account-refs';

/** A raw record exactly as the ingress publishes a provider's webhook: key, CloudEvents headers, body bytes. */
export function rawProviderRecord(
  provider: Provider,
  body: Buffer | object,
  receivedAt: Date = new Date(),
  refs: AccountRefs = TEST_ACCOUNT_REFS,
): { key: string; value: Buffer; headers: Record<string, string> } {
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  const identity = identifyProviderEvent(provider, JSON.parse(raw.toString('utf8')), raw, refs);
  if ('error' in identity) throw new Error(identity.error);
  const headers = buildCloudEventHeaders({
    source: provider,
    eventName: identity.eventName,
    subject: identity.subject,
    dedupKey: identity.dedupKey,
    receivedAt,
  });
  return { key: identity.partitionKey, value: raw, headers };
}
