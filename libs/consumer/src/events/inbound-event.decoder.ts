import { isProvider, parseCloudEventHeaders, parseProviderEvent, type Provider } from '@ledgerhook/contracts';
import type { ConsumedRecord } from '@ledgerhook/kafka';
import type { InboundEvent } from './inbound-event';

export type DecodedRecord =
  { ok: true; event: InboundEvent } | { ok: false; record: ConsumedRecord; error: Error };

/**
 * Validates a raw record with the contracts: CloudEvents headers, the provider named by ce_source,
 * a JSON body, the typed event. A record that fails here can never succeed later: it is poison.
 */
export function decodeRecord(record: ConsumedRecord): DecodedRecord {
  try {
    const attributes = parseCloudEventHeaders(record.headers);
    const provider = attributes.source.replace(/^\/providers\//, '');
    if (!isProvider(provider))
      throw new Error(`ce_source ${attributes.source} is not a provider this consumer projects`);
    if (!record.value) throw new Error('the record has no value');
    let body: unknown;
    try {
      body = JSON.parse(record.value.toString('utf8'));
    } catch {
      throw new Error('the record value is not JSON');
    }
    return {
      ok: true,
      event: {
        record,
        attributes,
        provider: provider as Provider,
        event: parseProviderEvent(provider as Provider, body),
      },
    };
  } catch (error) {
    return { ok: false, record, error: error as Error };
  }
}
