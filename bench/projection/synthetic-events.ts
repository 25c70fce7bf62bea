// Realistic raw records for bench/projection: whole Credfin application life cycles (19 events: four
// crawler statuses, the seed, account numbers and balances, two owner messages, per-account reports,
// PDFs and HTML, summaries, the bundle) and Bridge items (creation, two accounts, a refresh, account
// updates), each with the CloudEvents headers and key the ingress would have given them.
import { TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import {
  buildCloudEventHeaders,
  identifyProviderEvent,
  rawTopicName,
  type Provider,
} from '@ledgerhook/contracts';

export interface RawRecord {
  topic: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

const BASE = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

function record(provider: Provider, body: unknown, receivedAt: number): RawRecord {
  const value = Buffer.from(JSON.stringify(body));
  const identity = identifyProviderEvent(provider, body, value, TEST_ACCOUNT_REFS);
  if ('error' in identity) throw new Error(identity.error);
  return {
    topic: rawTopicName(provider),
    key: identity.partitionKey,
    value,
    headers: buildCloudEventHeaders({
      source: provider,
      eventName: identity.eventName,
      subject: identity.subject,
      dedupKey: identity.dedupKey,
      receivedAt: new Date(receivedAt),
    }),
  };
}

export function credfinApplication(i: number): RawRecord[] {
  const id = 1_000_000 + i;
  const vsid = `bench-${i}`;
  const t0 = BASE + i * 60_000;
  const crawlerUuid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const accounts = [
    { bsb: String(100000 + (i % 900000)).padStart(6, '0'), number: String(10_000_000 + i) },
    { bsb: '062692', number: String(20_000_000 + i) },
  ];
  const application = (status: string, at: number, extra: Record<string, unknown> = {}) => ({
    id,
    vendor_specific_id: vsid,
    timestamp: iso(at),
    crawler: [{ uuid: crawlerUuid, application: id, bank_id: 130 + (i % 7), timestamp: iso(at), status }],
    full_name: `Customer ${i}`,
    email: `customer${i}@example.com`,
    mobile: `04${String(i).padStart(8, '0')}`,
    finalised: status === 'COMPLETED',
    analysed: status === 'COMPLETED',
    ...extra,
  });
  const analysis = (event: string, n: number, at: number) => ({
    event,
    payload: { id: 5_000_000 + i * 2 + n, time: iso(at), vendor_specific_id: vsid },
  });
  const events: [unknown, number][] = [
    [{ event: 'crawler.lifecycle_updated', payload: application('QUEUED', t0) }, t0],
    [{ event: 'crawler.lifecycle_updated', payload: application('PROCESSING', t0 + 1_000) }, t0 + 1_000],
    [{ event: 'crawler.lifecycle_updated', payload: application('AUTH', t0 + 2_000) }, t0 + 2_000],
    [
      {
        event: 'crawler.seed_created',
        payload: { ...application('AUTH', t0 + 2_500), seed: `seed-${i}-secret` },
      },
      t0 + 2_500,
    ],
    [{ event: 'crawler.lifecycle_updated', payload: application('RELEASED', t0 + 3_000) }, t0 + 3_000],
    [{ event: 'account.numbers_ready', payload: { id, vendor_specific_id: vsid, accounts } }, t0 + 4_000],
    [
      {
        event: 'account.balances_ready',
        payload: {
          id,
          vendor_specific_id: vsid,
          accounts: accounts.map((account, n) => ({
            ...account,
            available: `${(i % 5000) + n}.25`,
            balance: `${(i % 5000) + n}.98`,
          })),
        },
      },
      t0 + 5_000,
    ],
    ...accounts.map((account, n): [unknown, number] => [
      {
        status: 'success',
        messageType: 'account_owner_info',
        errorMessage: '',
        accountOwnerInfo: { ...account, owners: [`OWNER ${i}`], email: [], phone: [], address: [] },
      },
      t0 + 6_000 + n,
    ]),
    [analysis('analysis.report_ready', 0, t0 + 7_000), t0 + 7_000],
    [analysis('analysis.report_ready', 1, t0 + 7_100), t0 + 7_100],
    [{ event: 'application.report_ready', payload: application('COMPLETED', t0 + 8_000) }, t0 + 8_000],
    [analysis('analysis.pdf_ready', 0, t0 + 9_000), t0 + 9_000],
    [analysis('analysis.pdf_ready', 1, t0 + 9_100), t0 + 9_100],
    [analysis('analysis.html_ready', 0, t0 + 9_200), t0 + 9_200],
    [analysis('analysis.html_ready', 1, t0 + 9_300), t0 + 9_300],
    [{ event: 'summary.pdf_ready', payload: application('COMPLETED', t0 + 10_000) }, t0 + 10_000],
    [{ event: 'summary.html_ready', payload: application('COMPLETED', t0 + 10_100) }, t0 + 10_100],
    [{ event: 'application.bundle_ready', payload: application('COMPLETED', t0 + 11_000) }, t0 + 11_000],
  ];
  return events.map(([body, at]) => record('credfin', body, at));
}

export function bridgeItem(j: number): RawRecord[] {
  const itemId = 7_000_000 + j;
  const user = `10000000-0000-4000-8000-${String(j).padStart(12, '0')}`;
  const t0 = BASE + j * 30_000;
  const account = (n: number) => 30_000_000 + j * 2 + n;
  const bodies: [unknown, number][] = [
    [{ type: 'item.created', timestamp: t0, content: { item_id: itemId, user_uuid: user } }, t0],
    ...[0, 1].map((n): [unknown, number] => [
      {
        type: 'item.account.created',
        timestamp: t0 + 1_000 + n,
        content: { account_id: account(n), balance: 1000 + n + 0.5, item_id: itemId, user_uuid: user },
      },
      t0 + 1_000 + n,
    ]),
    [
      {
        type: 'item.refreshed',
        timestamp: t0 + 2_000,
        content: {
          item_id: itemId,
          user_uuid: user,
          account_types: 'payment',
          full_refresh: false,
          refresh_trigger: 'scheduler',
          status_code: 0,
          status_code_info: null,
        },
      },
      t0 + 2_000,
    ],
    ...[0, 1].map((n): [unknown, number] => [
      {
        type: 'item.account.updated',
        timestamp: t0 + 3_000 + n,
        content: {
          account_id: account(n),
          balance: 900 + n + 0.75,
          item_id: itemId,
          user_uuid: user,
          nb_new_transactions: 3,
          nb_updated_transactions: 1,
          nb_deleted_transactions: 0,
        },
      },
      t0 + 3_000 + n,
    ]),
  ];
  return bodies.map(([body, at]) => record('bridge', body, at));
}

/** About `total` records: 80% Credfin life cycles, 20% Bridge items, interleaved like real traffic. */
export function* syntheticRecords(total: number): Generator<RawRecord[]> {
  let produced = 0;
  for (let n = 0; produced < total; n++) {
    const batch = n % 5 === 4 ? bridgeItem(n) : credfinApplication(n);
    produced += batch.length;
    yield batch;
  }
}
