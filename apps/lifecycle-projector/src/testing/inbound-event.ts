import { readdirSync, readFileSync } from 'node:fs';
import { TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import path from 'node:path';
import {
  type Provider,
  TOPICS,
  buildCloudEventHeaders,
  identifyProviderEvent,
  parseCloudEventHeaders,
  parseProviderEvent,
} from '@ledgerhook/contracts';
import type { InboundEvent } from '@ledgerhook/consumer';

// Builds InboundEvents the way the plumbing does (record -> CloudEvents headers -> typed event), from
// a raw body, so projection tests exercise exactly what the consumer hands the handler.

const TOPIC: Record<Provider, string> = {
  credfin: TOPICS.credfinRaw,
  bridge: TOPICS.bridgeRaw,
  creditchek: TOPICS.creditchekRaw,
};

export function inboundEvent(
  provider: Provider,
  body: unknown,
  offset: number,
  receivedAt: Date,
): InboundEvent {
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body), 'utf8');
  const json: unknown = JSON.parse(raw.toString('utf8'));
  const identity = identifyProviderEvent(provider, json, raw, TEST_ACCOUNT_REFS);
  if ('error' in identity) throw new Error(identity.error);
  const headers = buildCloudEventHeaders({
    source: provider,
    eventName: identity.eventName,
    subject: identity.subject,
    dedupKey: identity.dedupKey,
    receivedAt,
  });
  return {
    record: {
      topic: TOPIC[provider],
      partition: 0,
      offset: String(offset),
      key: Buffer.from(identity.partitionKey),
      value: raw,
      headers,
      timestamp: String(receivedAt.getTime()),
    },
    attributes: parseCloudEventHeaders(headers),
    provider,
    event: parseProviderEvent(provider, json),
  };
}

const CONTRACTS = path.resolve(__dirname, '../../../../libs/contracts/src');

/** The contracts' fixtures of a provider, raw bytes, sorted by file name. */
export function contractFixtures(provider: Provider): { file: string; raw: Buffer }[] {
  const dir = path.join(CONTRACTS, provider, 'fixtures');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, raw: readFileSync(path.join(dir, file)) }));
}
