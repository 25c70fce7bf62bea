import { readdirSync, readFileSync } from 'node:fs';
import { TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import path from 'node:path';
import {
  type Provider,
  type Report,
  TOPICS,
  buildCloudEventHeaders,
  parseCloudEventHeaders,
  parseProviderEvent,
  providerRecord,
} from '@ledgerhook/contracts';
import type { DownstreamEvent, InboundEvent } from '@ledgerhook/consumer';

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
  const { key, headers } = providerRecord(provider, raw, { receivedAt, refs: TEST_ACCOUNT_REFS });
  return {
    record: {
      topic: TOPIC[provider],
      partition: 0,
      offset: String(offset),
      key: Buffer.from(key),
      value: raw,
      headers,
      timestamp: String(receivedAt.getTime()),
    },
    attributes: parseCloudEventHeaders(headers),
    provider,
    event: parseProviderEvent(provider, JSON.parse(raw.toString('utf8'))),
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

/** A lending.reports.v1 record as the consumer hands it over (what the report-retriever publishes). */
export function reportEvent(report: Report, offset: number, receivedAt: Date): DownstreamEvent {
  const headers = buildCloudEventHeaders({
    source: 'report-retriever',
    eventName: 'artifact.stored',
    subject: `artifact:${report.artifactId}`,
    dedupKey: `report-retriever:artifact.stored:artifact:${report.artifactId}`,
    receivedAt,
  });
  const value = Buffer.from(JSON.stringify(report));
  return {
    record: {
      topic: TOPICS.reports,
      partition: 0,
      offset: String(offset),
      key: Buffer.from(report.applicationId),
      value,
      headers,
      timestamp: String(receivedAt.getTime()),
    },
    attributes: parseCloudEventHeaders(headers),
    source: 'report-retriever',
    value: report,
  };
}
