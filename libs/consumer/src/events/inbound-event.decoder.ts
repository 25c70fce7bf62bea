import {
  isProvider,
  parseCloudEventHeaders,
  parseProviderEvent,
  type Provider,
  sourceNameOf,
} from '@ledgerhook/contracts';
import type { ConsumedRecord } from '@ledgerhook/kafka';
import type { ConsumedEvent } from './inbound-event';

export type DecodedRecord =
  { ok: true; event: ConsumedEvent } | { ok: false; record: ConsumedRecord; error: Error };

export interface DecodeOptions {
  /**
   * false: a provider's record is handed on as parsed JSON too (a DownstreamEvent whose source is the
   * provider), for a consumer that reads its bodies leniently itself (the income-scorer turns an
   * insight that breaks the contract into a "no score" answer, not a dead letter). Default true.
   */
  typedProviderEvents?: boolean;
}

/**
 * Validates a record with the contracts: CloudEvents headers, a JSON body and, for a provider's raw
 * event (ce_source names a provider), the typed event; a record of our own services is handed on as
 * parsed JSON. A record that fails here can never succeed later: it is poison.
 */
export function decodeRecord(record: ConsumedRecord, options: DecodeOptions = {}): DecodedRecord {
  try {
    const attributes = parseCloudEventHeaders(record.headers);
    // `/providers/creditchek/reconciler` is CreditChek's event too (fetched, not received): the same
    // handler must read it, or an insight the reconciler recovered would be dead-lettered.
    const source = sourceNameOf(attributes) ?? attributes.source.replace(/^\/providers\//, '');
    if (!record.value) throw new Error('the record has no value');
    let body: unknown;
    try {
      body = JSON.parse(record.value.toString('utf8'));
    } catch {
      throw new Error('the record value is not JSON');
    }
    const provider = source;
    if (!isProvider(provider) || options.typedProviderEvents === false)
      return { ok: true, event: { record, attributes, source, value: body } };
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
