import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// The simulator checks Credfin's HMAC with code of its own, written from providers.md, so a mistake in
// the platform's signer cannot be mirrored here and pass unnoticed.
const MAX_SKEW_MS = 5 * 60 * 1000;

export interface IncomingSignedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

/** Why the request is not Credfin-signed with this token, or undefined when it is. */
export function credfinSignatureProblem(
  request: IncomingSignedRequest,
  token: { id: string; secret: string },
  now: number = Date.now(),
): string | undefined {
  const authorization = one(request.headers['authorization']);
  const match = /^HMAC ([^:\s]+):([A-Za-z0-9+/=]+)$/.exec(authorization);
  if (!match) return 'missing or malformed Authorization: HMAC <id>:<signature>';
  if (match[1] !== token.id) return 'unknown token';
  const date = one(request.headers['date']);
  const sent = Date.parse(date);
  if (!Number.isFinite(sent) || Math.abs(now - sent) > MAX_SKEW_MS)
    return 'Date missing or more than 5 minutes off';
  const md5 = request.body.length > 0 ? createHash('md5').update(request.body).digest('base64') : '';
  if (one(request.headers['content-md5']) !== md5) return 'Content-MD5 does not match the body';
  const lines = `${request.method}\n${md5}\n${one(request.headers['content-type'])}\n${date}\n${request.url}`;
  const expected = Buffer.from(createHmac('sha256', token.secret).update(lines).digest('base64'));
  const given = Buffer.from(match[2] as string);
  return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : 'bad signature';
}
