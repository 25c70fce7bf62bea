import { credfinAuthHeaders } from './hmac-signer';

const token = { id: 'tok_123', secret: 'test-secret-0123456789' };
const date = new Date('2020-01-21T01:52:23Z');

// Expected values computed outside this code, with OpenSSL:
//   printf 'GET\n\napplication/json\nTue, 21 Jan 2020 01:52:23 GMT\n/api/application/961194/bundle' \
//     | openssl dgst -sha256 -hmac 'test-secret-0123456789' -binary | base64
//   printf '{"a":1}' | openssl dgst -md5 -binary | base64
//   printf 'POST\nu2y1xo30ZSlByvZSo2by2A==\napplication/json\nTue, 21 Jan 2020 01:52:23 GMT\n/api/x' \
//     | openssl dgst -sha256 -hmac 'test-secret-0123456789' -binary | base64
describe('credfinAuthHeaders', () => {
  it('signs a GET exactly as providers.md describes (checked against openssl)', () => {
    expect(
      credfinAuthHeaders(token, { method: 'get', path: '/api/application/961194/bundle', date }),
    ).toEqual({
      date: 'Tue, 21 Jan 2020 01:52:23 GMT',
      'content-md5': '',
      'content-type': 'application/json',
      authorization: 'HMAC tok_123:tkictn8JCFooDg+2bK8fl/trcXC12KqjZwl+xwJdZV0=',
    });
  });

  it('covers the body through Content-MD5 for a request with one', () => {
    const headers = credfinAuthHeaders(token, {
      method: 'POST',
      path: '/api/x',
      body: Buffer.from('{"a":1}'),
      date,
    });
    expect(headers['content-md5']).toBe('u2y1xo30ZSlByvZSo2by2A==');
    expect(headers['authorization']).toBe('HMAC tok_123:qzY1PzeE4RyMPGMIArxbe7g6goSkJ/sjNbDgSJ0t7Fo=');
  });
});
