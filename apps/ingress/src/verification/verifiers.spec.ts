import { createHmac } from 'node:crypto';
import { BasicAuthVerifier } from './basic-auth.verifier';
import { BridgeSignatureVerifier } from './bridge-signature.verifier';
import { clientAddress, listContains, parseAddressList } from './client-address';
import { constantTimeEquals, matchesAny } from './constant-time';
import { HeaderTokenVerifier } from './header-token.verifier';
import { HmacSignatureVerifier } from './hmac-signature.verifier';
import { StandardWebhooksVerifier } from './standard-webhooks.verifier';

const body = Buffer.from('{"content":{"item_id":1},"timestamp":1700000000000,"type":"item.created"}');
const hmacHex = (secret: string | Buffer, data: Buffer) =>
  createHmac('sha256', secret).update(data).digest('hex');

describe('constant-time comparison', () => {
  it('compares values of different lengths without throwing', () => {
    expect(constantTimeEquals('a', 'a')).toBe(true);
    expect(constantTimeEquals('a', 'ab')).toBe(false);
    expect(matchesAny('two', ['one', 'two'])).toBe(true);
    expect(matchesAny('three', ['one', 'two'])).toBe(false);
    expect(matchesAny('x', [])).toBe(false);
  });
});

describe('BasicAuthVerifier (Credfin)', () => {
  const verifier = new BasicAuthVerifier([
    { username: 'old', password: 'p1' },
    { username: 'new', password: 'p:2' },
  ]);
  const basic = (value: string) => ({
    rawBody: body,
    headers: { authorization: `Basic ${Buffer.from(value).toString('base64')}` },
  });

  it('accepts every active credential, including a password with a colon', () => {
    expect(verifier.verify(basic('old:p1'))).toBe(true);
    expect(verifier.verify(basic('new:p:2'))).toBe(true);
  });

  it('refuses wrong, mixed, missing and malformed credentials', () => {
    expect(verifier.verify(basic('old:p:2'))).toBe(false);
    expect(verifier.verify(basic('new:p1'))).toBe(false);
    expect(verifier.verify({ rawBody: body, headers: {} })).toBe(false);
    expect(verifier.verify({ rawBody: body, headers: { authorization: 'Bearer abc' } })).toBe(false);
    expect(verifier.verify({ rawBody: body, headers: { authorization: 'Basic !!!' } })).toBe(false);
  });
});

describe('HeaderTokenVerifier (CreditChek)', () => {
  const verifier = new HeaderTokenVerifier('x-auth-signature', ['secret-a', 'secret-b']);
  it('accepts the shared secret of any active key and nothing else', () => {
    expect(verifier.verify({ rawBody: body, headers: { 'x-auth-signature': 'secret-b' } })).toBe(true);
    expect(verifier.verify({ rawBody: body, headers: { 'x-auth-signature': 'secret-' } })).toBe(false);
    expect(verifier.verify({ rawBody: body, headers: {} })).toBe(false);
  });
});

describe('BridgeSignatureVerifier', () => {
  const verifier = new BridgeSignatureVerifier(['current-secret', 'previous-secret']);
  const signed = (header: string) => ({ rawBody: body, headers: { 'bridgeapi-signature': header } });

  it('accepts upper- or lower-case hex from the current or the previous secret', () => {
    expect(verifier.verify(signed(`v1=${hmacHex('current-secret', body).toUpperCase()}`))).toBe(true);
    expect(verifier.verify(signed(`v1=${hmacHex('previous-secret', body)}`))).toBe(true);
  });

  it('accepts when any of several comma-separated v1 values matches, ignoring other schemes', () => {
    const header = `v0=zzz, v1=${'A'.repeat(64)},v1=${hmacHex('previous-secret', body).toUpperCase()}`;
    expect(verifier.verify(signed(header))).toBe(true);
  });

  it('refuses a signature of another body, another secret, or another scheme', () => {
    expect(verifier.verify(signed(`v1=${hmacHex('current-secret', Buffer.from('{}'))}`))).toBe(false);
    expect(verifier.verify(signed(`v1=${hmacHex('unknown', body)}`))).toBe(false);
    expect(verifier.verify(signed(`v2=${hmacHex('current-secret', body)}`))).toBe(false);
    expect(verifier.verify({ rawBody: body, headers: {} })).toBe(false);
  });

  it('refuses a header with more than a handful of entries before computing anything', () => {
    const valid = `v1=${hmacHex('current-secret', body)}`;
    expect(verifier.verify(signed([...Array(7).fill(`v1=${'a'.repeat(64)}`), valid].join(',')))).toBe(true);
    expect(verifier.verify(signed([...Array(200).fill(`v1=${'a'.repeat(64)}`), valid].join(',')))).toBe(
      false,
    );
  });

  it('is sensitive to every byte of the raw body (no re-serialisation)', () => {
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
    expect(
      verifier.verify({
        rawBody: reformatted,
        headers: { 'bridgeapi-signature': `v1=${hmacHex('current-secret', body)}` },
      }),
    ).toBe(false);
  });
});

describe('HmacSignatureVerifier (generic sources)', () => {
  it('accepts hex with a prefix and base64 without', () => {
    const hex = new HmacSignatureVerifier({
      header: 'x-sig',
      encoding: 'hex',
      prefix: 'sha256=',
      secrets: ['s'],
    });
    expect(hex.verify({ rawBody: body, headers: { 'x-sig': `sha256=${hmacHex('s', body)}` } })).toBe(true);
    expect(hex.verify({ rawBody: body, headers: { 'x-sig': hmacHex('s', body) } })).toBe(false);
    const b64 = new HmacSignatureVerifier({ header: 'x-sig', encoding: 'base64', secrets: ['s'] });
    const signature = createHmac('sha256', 's').update(body).digest('base64');
    expect(b64.verify({ rawBody: body, headers: { 'x-sig': signature } })).toBe(true);
    expect(b64.verify({ rawBody: body, headers: { 'x-sig': signature.slice(1) } })).toBe(false);
  });
});

describe('StandardWebhooksVerifier', () => {
  const key = Buffer.from('a-32-byte-long-standard-key-1234');
  const secret = `whsec_${key.toString('base64')}`;
  const now = 1_800_000_000_000;
  const verifier = new StandardWebhooksVerifier([secret], () => now);
  const sign = (id: string, timestamp: number, data: Buffer) =>
    createHmac('sha256', key).update(`${id}.${timestamp}.`).update(data).digest('base64');
  const request = (timestamp: number, signature: string) => ({
    rawBody: body,
    headers: {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    },
  });

  it('accepts a valid v1 signature among several, with or without the whsec_ prefix', () => {
    const ts = now / 1000;
    expect(verifier.verify(request(ts, `v1,bogus v1,${sign('msg_1', ts, body)}`))).toBe(true);
    const unprefixed = new StandardWebhooksVerifier([key.toString('base64')], () => now);
    expect(unprefixed.verify(request(ts, `v1,${sign('msg_1', ts, body)}`))).toBe(true);
  });

  it('refuses a signature header with more than a handful of entries', () => {
    const ts = now / 1000;
    const valid = `v1,${sign('msg_1', ts, body)}`;
    expect(verifier.verify(request(ts, [...Array(200).fill('v1,bogus'), valid].join(' ')))).toBe(false);
  });

  it('refuses timestamps outside the 5-minute tolerance, a changed id, or missing headers', () => {
    const old = now / 1000 - 301;
    expect(verifier.verify(request(old, `v1,${sign('msg_1', old, body)}`))).toBe(false);
    const future = now / 1000 + 301;
    expect(verifier.verify(request(future, `v1,${sign('msg_1', future, body)}`))).toBe(false);
    const ts = now / 1000;
    expect(verifier.verify(request(ts, `v1,${sign('msg_2', ts, body)}`))).toBe(false);
    expect(verifier.verify({ rawBody: body, headers: {} })).toBe(false);
  });
});

describe('client address behind proxies', () => {
  const trusted = parseAddressList(['10.0.0.0/8', '::1']);

  it('believes X-Forwarded-For only through trusted proxies', () => {
    expect(clientAddress('10.1.2.3', '63.32.31.5', trusted)).toBe('63.32.31.5');
    expect(clientAddress('10.1.2.3', '1.1.1.1, 63.32.31.5, 10.9.9.9', trusted)).toBe('63.32.31.5');
    expect(clientAddress('8.8.8.8', '63.32.31.5', trusted)).toBe('8.8.8.8');
    expect(clientAddress('::ffff:10.0.0.1', '34.249.92.209', trusted)).toBe('34.249.92.209');
    expect(clientAddress('10.0.0.1', '63.32.31.5', undefined)).toBe('10.0.0.1');
  });

  it('matches addresses and ranges, IPv4-mapped included', () => {
    const allowed = parseAddressList(['63.32.31.5', '52.215.247.62']);
    expect(listContains(allowed, '::ffff:63.32.31.5')).toBe(true);
    expect(listContains(allowed, '63.32.31.6')).toBe(false);
    expect(() => parseAddressList(['not-an-ip'])).toThrow(/not an IP address/);
  });
});
