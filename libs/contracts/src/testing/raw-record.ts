import { providerRecord } from '../envelope/provider-record';
import type { Provider } from '../provider';
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
  const { key, value, headers } = providerRecord(provider, raw, { receivedAt, refs });
  return { key, value, headers };
}
