import { buildCloudEventHeaders, parseCloudEventHeaders } from './envelope/cloud-event-headers';
import { identifyProviderEvent, parseProviderEvent } from './provider-event-identity';
import type { Provider } from './provider';
import type { EventIdentity } from './shared/event-identity';
import { sha256Hex } from './shared/hashing';
import { TEST_ACCOUNT_REFS } from './testing/account-refs';
import { loadFixtures } from './testing/fixtures';

const APP = 'app:961194';
const VSID = 'vsid:200120c';
const ACCT_325185 = TEST_ACCOUNT_REFS.of('325185', '03531384');
const ACCT_062692 = TEST_ACCOUNT_REFS.of('062692', '44520485');
const ACCT_123456 = TEST_ACCOUNT_REFS.of('123456', '1234567');
const USER = 'user:766b2f5d-a942-492c-9ea7-2e5aa88cb672';

// [file, partition key, subject] for every fixture.
const EXPECTED: Record<string, [string, string]> = {
  'credfin/account-owner-failed.json': [ACCT_062692, ACCT_062692],
  'credfin/account-owner-failed.null-fields.constructed.json': [ACCT_062692, ACCT_062692],
  'credfin/account-owner-success.json': [ACCT_325185, ACCT_325185],
  'credfin/account.account_owner.constructed.json': [ACCT_325185, ACCT_325185],
  'credfin/account.balances_ready.bsb-dashed.constructed.json': [ACCT_062692, ACCT_062692],
  'credfin/account.balances_ready.json': [ACCT_123456, ACCT_123456],
  'credfin/account.balances_ready.without-balances.constructed.json': [VSID, APP],
  'credfin/account.balances_ready.object.constructed.json': [VSID, APP],
  'credfin/account.numbers_ready.json': [ACCT_123456, ACCT_123456],
  'credfin/analysis.html_ready.constructed.json': [VSID, 'analysis:22749'],
  'credfin/analysis.pdf_ready.constructed.json': [VSID, 'analysis:22749'],
  'credfin/analysis.report_ready.json': [VSID, 'analysis:22749'],
  'credfin/application.account.numbers_ready.constructed.json': [VSID, APP],
  'credfin/application.bundle_ready.json': [VSID, APP],
  'credfin/application.report_ready.json': [VSID, APP],
  'credfin/crawler.lifecycle_updated.constructed.json': [VSID, APP],
  // Crawler-shaped: no vendor_specific_id, keyed by the application id in `application`.
  'credfin/crawler.lifecycle_updated.crawler-shaped.constructed.json': [APP, APP],
  'credfin/crawler.seed_created.constructed.json': [VSID, APP],
  'credfin/crawler.seed_created.crawler-shaped.constructed.json': [APP, APP],
  'credfin/summary.html_ready.constructed.json': [VSID, APP],
  'credfin/summary.pdf_ready.constructed.json': [VSID, APP],
  'credfin/summary.report_ready.json': [VSID, APP],
  'creditchek/income_insight.failed.json': ['borrower:65115218423277fb6', 'borrower:65115218423277fb6'],
  'creditchek/income_insight.flat.json': [
    'borrower:64a64e4681741eca2fd00821',
    'borrower:64a64e4681741eca2fd00821',
  ],
  'creditchek/income_insight.record.constructed.json': [
    'borrower:64a64e4681741eca2fd00821',
    'borrower:64a64e4681741eca2fd00821',
  ],
  'creditchek/income_insight_failure.constructed.json': [
    'borrower:65115218423277fb6',
    'borrower:65115218423277fb6',
  ],
  'creditchek/income_transaction.json': [
    'borrower:64c8b66302ed6ac59be6fa44',
    'borrower:64c8b66302ed6ac59be6fa44',
  ],
  'creditchek/pdf_upload.json': ['borrower:64c8b66302ed6ac59be6fa44', 'borrower:64c8b66302ed6ac59be6fa44'],
  'bridge/ACCOUNT_CREATED.constructed.json': ['item:4568477', 'account:22908770'],
  'bridge/ACCOUNT_UPDATED.constructed.json': ['item:4568477', 'account:22908770'],
  'bridge/ITEM_CREATED.constructed.json': ['item:4568477', 'item:4568477'],
  'bridge/TEST_EVENT.json': ['item:1234567890', 'item:1234567890'],
  'bridge/item.account.created.constructed.json': ['item:4568477', 'account:22908770'],
  'bridge/item.account.deleted.constructed.json': ['item:4568477', 'account:22908770'],
  'bridge/item.account.updated.constructed.json': ['item:4568477', 'account:22908770'],
  'bridge/item.account.updated.without-balance.constructed.json': ['item:4568477', 'account:22908770'],
  'bridge/item.created.constructed.json': ['item:4568477', 'item:4568477'],
  'bridge/item.deleted.constructed.json': ['item:4568477', 'item:4568477'],
  'bridge/item.refreshed.account-types-array.constructed.json': ['item:4568477', 'item:4568477'],
  'bridge/item.refreshed.constructed.json': ['item:4568477', 'item:4568477'],
  'bridge/payment.link.updated.constructed.json': [
    'payment-link:b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
    'payment-link:b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
  ],
  'bridge/payment.transaction.created.constructed.json': [
    'payment-request:6f2b1c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    'payment-transaction:0a9f3b9c-7d1e-4f0e-9b7a-1c2d3e4f5a6b',
  ],
  'bridge/payment.transaction.updated.constructed.json': [
    'payment-request:6f2b1c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    'payment-transaction:0a9f3b9c-7d1e-4f0e-9b7a-1c2d3e4f5a6b',
  ],
  'bridge/transfer.created.constructed.json': ['transfer:tr-123', 'transfer:tr-123'],
  'bridge/user.deleted.constructed.json': [USER, USER],
};

// Personal data that must never reach a key, a subject or a dedup key.
const PII_FIELDS = new Set([
  'number',
  'bsb',
  'accountNumber',
  'accountName',
  'bvn',
  'email',
  'mobile',
  'full_name',
  'owners',
  'phone',
  'name',
]);
function piiValues(value: unknown, into: string[] = [], field = ''): string[] {
  if (Array.isArray(value)) value.forEach((v) => piiValues(v, into, field));
  else if (value && typeof value === 'object')
    Object.entries(value).forEach(([k, v]) => piiValues(v, into, k));
  else if (typeof value === 'string' && PII_FIELDS.has(field) && value.length >= 4) into.push(value);
  return into;
}

function identify(provider: Provider, body: unknown, raw: Buffer): EventIdentity {
  const identity = identifyProviderEvent(provider, body, raw, TEST_ACCOUNT_REFS);
  if ('error' in identity) throw new Error(identity.error);
  return identity;
}

describe('identifyProviderEvent', () => {
  const fixtures = loadFixtures();

  it('has an expectation for every fixture', () => {
    expect(fixtures.map((f) => `${f.provider}/${f.file}`).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(fixtures.map((f) => [`${f.provider}/${f.file}`, f] as const))('%s', (name, fixture) => {
    const identity = identify(fixture.provider, fixture.body, fixture.raw);
    const [partitionKey, subject] = EXPECTED[name];
    expect({ partitionKey: identity.partitionKey, subject: identity.subject, known: identity.known }).toEqual(
      {
        partitionKey,
        subject,
        known: true,
      },
    );
    // Deterministic: a retry of the same bytes gives the same identity.
    expect(identify(fixture.provider, structuredClone(fixture.body), Buffer.from(fixture.raw))).toEqual(
      identity,
    );
    // A different body gives a different dedup key but keeps key and subject.
    const changed = Buffer.concat([fixture.raw, Buffer.from(' ')]);
    const other = identify(fixture.provider, fixture.body, changed);
    expect(other.dedupKey).not.toBe(identity.dedupKey);
    expect(other.partitionKey).toBe(identity.partitionKey);
    expect(identity.dedupKey).toMatch(new RegExp(`^${fixture.provider}:[^:]+:.+:[0-9a-f]{32}$`));
    // No personal data anywhere in what travels in keys and headers.
    for (const pii of piiValues(fixture.body)) {
      for (const value of [identity.partitionKey, identity.subject, identity.dedupKey])
        expect(value).not.toContain(pii);
    }
    // The identity is always encodable as CloudEvents headers.
    const headers = buildCloudEventHeaders({
      source: fixture.provider,
      eventName: identity.eventName,
      subject: identity.subject,
      dedupKey: identity.dedupKey,
      receivedAt: new Date(),
    });
    expect(parseCloudEventHeaders(headers).type).toBe(`${fixture.provider}.${identity.eventName}`);
  });

  it('keys all events of one Credfin application alike (vendor_specific_id present)', () => {
    const keys = new Set(
      fixtures
        .filter(
          (f) =>
            f.provider === 'credfin' &&
            (f.body.payload as { vendor_specific_id?: string } | undefined)?.vendor_specific_id,
        )
        .map((f) => identify('credfin', f.body, f.raw).partitionKey),
    );
    expect([...keys]).toEqual([VSID]);
  });

  it('falls back to the application id without vendor_specific_id', () => {
    const body = { event: 'application.bundle_ready', payload: { id: 961194 } };
    expect(identify('credfin', body, Buffer.from(JSON.stringify(body))).partitionKey).toBe(APP);
  });

  it('hashes a vendor_specific_id that is not a plain token (it could be an e-mail)', () => {
    const body = {
      event: 'application.bundle_ready',
      payload: { id: 1, vendor_specific_id: 'bob@example.com' },
    };
    const identity = identify('credfin', body, Buffer.from(JSON.stringify(body)));
    expect(identity.partitionKey).toMatch(/^vsid:h-[0-9a-f]{32}$/);
    expect(identity.dedupKey).not.toContain('bob');
  });

  it('joins account-owner messages to accounts by BSB + number, whatever the formatting', () => {
    expect(TEST_ACCOUNT_REFS.of('062-692', '44520485')).toBe(ACCT_062692);
    expect(ACCT_325185).toMatch(/^acct:[0-9a-f]{32}$/);
    // Keyed (HMAC-SHA256 with ACCOUNT_REF_KEY): not the plain hash anyone could recompute.
    expect(ACCT_062692).not.toBe(`acct:${sha256Hex('062692:44520485', 32)}`);
  });

  it('identifies unknown event types, never throwing', () => {
    const weird = [
      ['credfin', { event: 'estatement.ready', payload: { id: 5, vendor_specific_id: 'v1' } }, 'vsid:v1'],
      ['credfin', { event: 'no payload' }, undefined],
      ['creditchek', { event: 'statement_expired', data: { appId: 'a1' } }, 'app:a1'],
      [
        'bridge',
        { type: 'item.exploded', content: { user_uuid: '766b2f5d-a942-492c-9ea7-2e5aa88cb672' } },
        USER,
      ],
      ['bridge', { type: 'x', content: 'not an object' }, undefined],
      ['credfin', { event: '__proto__', payload: null }, undefined],
    ] as const;
    for (const [provider, body, key] of weird) {
      const raw = Buffer.from(JSON.stringify(body));
      const identity = identify(provider, body, raw);
      expect(identity.known).toBe(false);
      expect(identity.partitionKey).toBe(key ?? identity.subject);
      if (!key) expect(identity.partitionKey).toMatch(/^body:[0-9a-f]{32}$/);
      expect(parseProviderEvent(provider, body).known).toBe(false);
    }
    const spaced = identify('credfin', { event: 'Weird Name!' }, Buffer.from('{}'));
    expect(spaced.eventName).toMatch(/^Weird_Name_-[0-9a-f]{12}$/);
  });

  it('returns an error only for a non-object or a body without its event field', () => {
    expect(identifyProviderEvent('credfin', [1], Buffer.from('[1]'), TEST_ACCOUNT_REFS)).toEqual({
      error: expect.any(String),
    });
    expect(identifyProviderEvent('creditchek', 'x', Buffer.from('"x"'), TEST_ACCOUNT_REFS)).toEqual({
      error: expect.any(String),
    });
    expect(identifyProviderEvent('credfin', { payload: {} }, Buffer.from('{}'), TEST_ACCOUNT_REFS)).toEqual({
      error: expect.stringContaining('event'),
    });
    expect(identifyProviderEvent('creditchek', { event: 5 }, Buffer.from('{}'), TEST_ACCOUNT_REFS)).toEqual({
      error: expect.stringContaining('event'),
    });
    expect(
      identifyProviderEvent('bridge', { event: 'item.created' }, Buffer.from('{}'), TEST_ACCOUNT_REFS),
    ).toEqual({
      error: expect.stringContaining('type'),
    });
  });
});
