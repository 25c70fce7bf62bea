import {
  buildCloudEventHeaders,
  CloudEventHeaderError,
  parseCloudEventHeaders,
  eventNameOf,
  sourceNameOf,
  sourceOriginOf,
} from './cloud-event-headers';
import { buildDedupKey } from './dedup-key';
import { isValidTraceparent } from './trace-context';
import { UUIDV7_PATTERN, uuidv7, uuidv7From, uuidv7Time } from './uuidv7';

const receivedAt = new Date('2020-01-21T01:52:23.480Z');
const input = {
  source: 'credfin',
  eventName: 'application.bundle_ready',
  subject: 'app:961194',
  dedupKey: 'credfin:application.bundle_ready:app:961194:0123456789abcdef0123456789abcdef',
  receivedAt,
};

function toKafka(headers: Record<string, string>): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]));
}

describe('CloudEvents headers', () => {
  it('builds the binary-mode headers with exact names', () => {
    const headers = buildCloudEventHeaders(input);
    expect(Object.keys(headers).sort()).toEqual(
      [
        'ce_specversion',
        'ce_id',
        'ce_source',
        'ce_type',
        'ce_time',
        'ce_subject',
        'content-type',
        'ce_dedupkey',
        'ce_traceparent',
      ].sort(),
    );
    expect(headers).toMatchObject({
      ce_specversion: '1.0',
      ce_source: '/providers/credfin',
      ce_type: 'credfin.application.bundle_ready',
      ce_time: '2020-01-21T01:52:23.480Z',
      ce_subject: 'app:961194',
      'content-type': 'application/json',
      ce_dedupkey: input.dedupKey,
    });
    expect(headers.ce_id).toMatch(UUIDV7_PATTERN);
    expect(uuidv7Time(headers.ce_id)).toEqual(receivedAt);
    expect(isValidTraceparent(headers.ce_traceparent)).toBe(true);
  });

  it('round-trips through Kafka Buffers and strings', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const headers = buildCloudEventHeaders({
      ...input,
      traceparent,
      id: '0185c6a4-0d28-7000-8000-000000000001',
    });
    const parsed = parseCloudEventHeaders(toKafka(headers));
    expect(parsed).toEqual({
      specversion: '1.0',
      id: '0185c6a4-0d28-7000-8000-000000000001',
      source: '/providers/credfin',
      type: 'credfin.application.bundle_ready',
      time: '2020-01-21T01:52:23.480Z',
      subject: 'app:961194',
      datacontenttype: 'application/json',
      dedupkey: input.dedupKey,
      traceparent,
    });
    expect(parseCloudEventHeaders(headers)).toEqual(parsed);
    expect(sourceNameOf(parsed)).toBe('credfin');
    expect(eventNameOf(parsed)).toBe('application.bundle_ready');
  });

  it('marks an event the platform obtained itself in ce_source, and still names its provider', () => {
    const headers = buildCloudEventHeaders({ ...input, source: 'creditchek', origin: 'reconciler' });
    expect(headers.ce_source).toBe('/providers/creditchek/reconciler');
    const parsed = parseCloudEventHeaders(headers);
    expect(sourceNameOf(parsed)).toBe('creditchek');
    expect(sourceOriginOf(parsed)).toBe('reconciler');
    expect(eventNameOf(parsed)).toBe('application.bundle_ready');
    expect(sourceOriginOf(parseCloudEventHeaders(buildCloudEventHeaders(input)))).toBeUndefined();
    expect(() => buildCloudEventHeaders({ ...input, origin: 'Re Conciler' })).toThrow(/ce_source/);
    expect(sourceNameOf({ source: '/providers/creditchek/reconciler/extra' })).toBeUndefined();
  });

  it('replaces a malformed incoming traceparent with a fresh one (W3C restart rule)', () => {
    const headers = buildCloudEventHeaders({ ...input, traceparent: 'garbage' });
    expect(isValidTraceparent(headers.ce_traceparent)).toBe(true);
  });

  it('refuses to build headers from unusable input', () => {
    expect(() => buildCloudEventHeaders({ ...input, source: 'Cred Fin' })).toThrow(/ce_source/);
    expect(() => buildCloudEventHeaders({ ...input, subject: 'has space' })).toThrow(/ce_subject/);
    expect(() => buildCloudEventHeaders({ ...input, receivedAt: new Date('nope') })).toThrow(/ce_time/);
    expect(() => buildCloudEventHeaders({ ...input, id: 'x' })).toThrow(/ce_id/);
  });

  const valid = toKafka(buildCloudEventHeaders(input));
  const cases: [string, Record<string, Buffer | string | (Buffer | string)[] | undefined>, RegExp][] = [
    ['ce_specversion', { ...valid, ce_specversion: undefined }, /ce_specversion: missing/],
    ['ce_specversion', { ...valid, ce_specversion: '0.3' }, /ce_specversion: unsupported version/],
    ['ce_id', { ...valid, ce_id: 'not-an-id' }, /ce_id: must be a UUID or ULID/],
    [
      'ce_id',
      { ...valid, ce_id: ['0185c6a4-0d28-7000-8000-000000000001', '0185c6a4-0d28-7000-8000-000000000002'] },
      /ce_id: repeated/,
    ],
    ['ce_source', { ...valid, ce_source: '' }, /ce_source: empty/],
    ['ce_type', { ...valid, ce_type: undefined }, /ce_type: missing/],
    ['ce_time', { ...valid, ce_time: '21/01/2020' }, /ce_time: not an RFC 3339 timestamp/],
    ['ce_time', { ...valid, ce_time: '2020-13-45T99:00:00Z' }, /ce_time/],
    ['ce_subject', { ...valid, ce_subject: undefined }, /ce_subject: missing/],
    ['content-type', { ...valid, 'content-type': 'json' }, /content-type: malformed/],
    ['ce_dedupkey', { ...valid, ce_dedupkey: undefined }, /ce_dedupkey: missing/],
    [
      'ce_traceparent',
      { ...valid, ce_traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' },
      /ce_traceparent: not a W3C/,
    ],
    ['ce_subject', { ...valid, ce_subject: Buffer.from([0xff, 0xfe]) }, /ce_subject: not valid UTF-8/],
  ];
  it.each(cases)('rejects a bad %s header with an error naming it', (header, headers, message) => {
    let error: unknown;
    try {
      parseCloudEventHeaders(headers);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CloudEventHeaderError);
    expect((error as CloudEventHeaderError).header).toBe(header);
    expect((error as Error).message).toMatch(message);
  });

  it('rejects a record without headers', () => {
    expect(() => parseCloudEventHeaders(undefined)).toThrow(/ce_specversion: missing/);
  });
});

describe('uuidv7', () => {
  it('is a valid, time-ordered v7 even within one millisecond', () => {
    const ids = Array.from({ length: 2000 }, () => uuidv7(1_700_000_000_000));
    for (const id of ids) expect(id).toMatch(UUIDV7_PATTERN);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uuidv7From is a valid v7 of the given time, the same for the same inputs only', () => {
    const id = uuidv7From('creditchek:income_insight:borrower:b1:abc', 1_700_000_000_123);
    expect(id).toMatch(UUIDV7_PATTERN);
    expect(uuidv7Time(id)).toEqual(new Date(1_700_000_000_123));
    expect(uuidv7From('creditchek:income_insight:borrower:b1:abc', 1_700_000_000_123)).toBe(id);
    expect(uuidv7From('creditchek:income_insight:borrower:b1:abd', 1_700_000_000_123)).not.toBe(id);
    expect(uuidv7From('creditchek:income_insight:borrower:b1:abc', 1_700_000_000_124)).not.toBe(id);
    expect(() => uuidv7From('x', -1)).toThrow(/timestamp/);
  });
});

describe('dedup key', () => {
  it('is deterministic and changes with the body', () => {
    const base = {
      source: 'bridge',
      eventName: 'item.created',
      naturalId: 'item:1',
      rawBody: Buffer.from('{"a":1}'),
    };
    expect(buildDedupKey(base)).toBe(buildDedupKey({ ...base, rawBody: Buffer.from('{"a":1}') }));
    expect(buildDedupKey(base)).not.toBe(buildDedupKey({ ...base, rawBody: Buffer.from('{"a":2}') }));
    expect(buildDedupKey(base)).toMatch(/^bridge:item\.created:item:1:[0-9a-f]{32}$/);
  });
});
