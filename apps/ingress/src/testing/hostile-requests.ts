import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { basicAuth, bridgeSignature, TEST_CREDENTIALS } from './ingress-harness';

// Test-only: generators of hostile requests for every ingress route (fast-check). Bodies are
// mutated provider events, random bytes, deep nesting, huge numbers, prototype keys, invalid UTF-8
// and oversized payloads; signatures are missing, wrong or valid over the hostile body; content
// types, header counts and paths vary. Personal data markers are planted so a test can prove they
// never reach a log line.

export const PII_MARKERS = ['22212345678', 'fuzz.victim@example.test', 'Fuzzy Victimsson', '0412999888'];
export const STANDARD_SOURCE = 'fuzzsource';
export const STANDARD_KEY = Buffer.alloc(32, 7);
/** The suite's WEBHOOK_MAX_BODY_BYTES: small, so oversized bodies are cheap to send. */
export const FUZZ_MAX_BODY_BYTES = 16 * 1024;

export interface HostileRequest {
  path: string;
  method: 'POST' | 'GET' | 'PUT';
  headers: Record<string, string>;
  body: Buffer;
}

const WEBHOOK_ROUTES = [
  '/webhooks/credfin',
  '/webhooks/creditchek',
  '/webhooks/bridge',
  `/webhooks/sources/${STANDARD_SOURCE}`,
] as const;
const OTHER_ROUTES = [
  '/webhooks/sources/nobody',
  '/webhooks',
  '/webhooks/credfin/../bridge',
  '/admin',
] as const;

const piiEvent = fc.record({
  event: fc.constantFrom(
    'pdf_upload',
    'income_insight',
    'account.numbers_ready',
    'item.refreshed',
    'x'.repeat(300),
  ),
  type: fc.string({ maxLength: 40 }),
  data: fc.record({
    borrowerId: fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null)),
    bvn: fc.constant(PII_MARKERS[0]),
    email: fc.constant(PII_MARKERS[1]),
    name: fc.constant(PII_MARKERS[2]),
    phone: fc.constant(PII_MARKERS[3]),
    customer_id: fc.string({ maxLength: 20 }),
  }),
  payload: fc.anything({ maxDepth: 3 }),
});

const bodies: fc.Arbitrary<Buffer> = fc.oneof(
  piiEvent.map((event) => Buffer.from(JSON.stringify(event))),
  fc.jsonValue({ maxDepth: 4 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
  fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)),
  fc.integer({ min: 1, max: 7_000 }).map((depth) => Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
  fc
    .integer({ min: 1, max: 2_500 })
    .map((depth) => Buffer.from(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)),
  fc
    .constantFrom(
      '{"event":"pdf_upload","data":{"borrowerId":1e999999}}',
      '{"event":"pdf_upload","data":{"borrowerId":123456789012345678901234567890123456789}}',
      '{"__proto__":{"polluted":true},"event":"pdf_upload","data":{"borrowerId":"b"}}',
      '{"constructor":{"prototype":{"polluted":true}},"event":"income_insight"}',
      '{"event":"pdf_upload","event":"income_insight"}',
      '',
      'null',
      '[]',
      '"\\ud800"',
    )
    .map((text) => Buffer.from(text)),
  fc.constantFrom(
    Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
    Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
    Buffer.from([0xff, 0xfe, 0x00]),
  ),
  fc
    .integer({ min: FUZZ_MAX_BODY_BYTES + 1, max: FUZZ_MAX_BODY_BYTES + 8 * 1024 })
    .map((size) => Buffer.alloc(size, 0x20)),
);

const contentTypes = fc.oneof(
  fc.constant('application/json'),
  fc.constant(undefined),
  fc.constantFrom(
    'text/plain',
    'application/json; charset=utf-16',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    '*/*',
  ),
  fc.stringMatching(/^[a-z]{1,10}\/[a-z+.-]{1,20}$/),
);

const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/);
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,200}$/);
// Numerous headers, yet under Node's 16 KiB header limit (over it is a case of its own: 431).
const extraHeaders = fc.dictionary(
  token.map((name) => `x-${name}`),
  headerValue,
  { maxKeys: 40 },
);

type Signing = 'none' | 'wrong' | 'valid';

function signed(path: string, body: Buffer, signing: Signing, id: string): Record<string, string> {
  if (signing === 'none') return {};
  const good = signing === 'valid';
  if (path === '/webhooks/credfin')
    return { authorization: good ? basicAuth('credfin-new', 'pw-new') : basicAuth('credfin-new', 'nope') };
  if (path === '/webhooks/creditchek') return { 'x-auth-signature': good ? 'cc-secret-1' : 'cc-secret-0' };
  if (path === '/webhooks/bridge')
    return { 'bridgeapi-signature': bridgeSignature(good ? 'bridge-new-secret' : 'bridge-nope', body) };
  if (path === `/webhooks/sources/${STANDARD_SOURCE}`) {
    const timestamp = Math.floor(Date.now() / 1000);
    const key = good ? STANDARD_KEY : Buffer.alloc(32, 8);
    const signature = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
    return {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': `v1,${signature}`,
    };
  }
  return { authorization: 'Bearer nothing' };
}

export const hostileRequests: fc.Arbitrary<HostileRequest> = fc
  .record({
    path: fc.oneof(
      // Mostly the real routes, so most requests reach verification and parsing.
      { weight: 12, arbitrary: fc.constantFrom(...WEBHOOK_ROUTES) },
      { weight: 2, arbitrary: fc.constantFrom(...OTHER_ROUTES) },
      { weight: 1, arbitrary: fc.stringMatching(/^\/[a-zA-Z0-9/%._-]{0,60}$/) },
    ),
    method: fc.oneof(
      { weight: 9, arbitrary: fc.constant('POST' as const) },
      { weight: 1, arbitrary: fc.constantFrom('GET' as const, 'PUT' as const) },
    ),
    body: bodies,
    signing: fc.constantFrom<Signing>('none', 'wrong', 'valid', 'valid'),
    contentType: contentTypes,
    extra: extraHeaders,
    id: fc.stringMatching(/^msg_[a-zA-Z0-9]{1,20}$/),
  })
  .map(({ path, method, body, signing, contentType, extra, id }) => ({
    path,
    method,
    body: method === 'GET' ? Buffer.alloc(0) : body,
    headers: {
      ...extra,
      ...(contentType ? { 'content-type': contentType } : {}),
      ...signed(path, body, signing, id),
    },
  }));

/** Every secret the suite's ingress holds: none may appear in a log line. */
export const SUITE_SECRETS = [
  ...TEST_CREDENTIALS.CREDFIN_WEBHOOK_PASSWORD.split(','),
  ...TEST_CREDENTIALS.CREDITCHEK_WEBHOOK_SECRETS.split(','),
  ...TEST_CREDENTIALS.BRIDGE_WEBHOOK_SECRETS.split(','),
  STANDARD_KEY.toString('base64'),
];
