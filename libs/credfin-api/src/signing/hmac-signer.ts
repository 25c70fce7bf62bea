import { createHash, createHmac } from 'node:crypto';

export interface CredfinToken {
  /** The token's identifier (not its name). */
  id: string;
  /** Shown once, when the token is created. */
  secret: string;
}

export interface SignedRequest {
  method: string;
  /** Path and query as sent, e.g. `/api/application/961194/bundle`. */
  path: string;
  /** Absent for GET. */
  body?: Buffer;
  date: Date;
}

export const CREDFIN_CONTENT_TYPE = 'application/json';

/**
 * Credfin's API authentication (providers.md): `Authorization: HMAC <id>:<signature>` with
 * signature = base64(HMAC-SHA256(secret, [method, Content-MD5, Content-Type, Date, path].join("\n"))),
 * Content-MD5 the base64 MD5 of the body (empty for GET) and Date in RFC 7231 form.
 */
export function credfinAuthHeaders(token: CredfinToken, request: SignedRequest): Record<string, string> {
  const contentMd5 = request.body ? createHash('md5').update(request.body).digest('base64') : '';
  const date = request.date.toUTCString();
  const canonical = [request.method.toUpperCase(), contentMd5, CREDFIN_CONTENT_TYPE, date, request.path].join(
    '\n',
  );
  const signature = createHmac('sha256', token.secret).update(canonical).digest('base64');
  return {
    date,
    'content-md5': contentMd5,
    'content-type': CREDFIN_CONTENT_TYPE,
    authorization: `HMAC ${token.id}:${signature}`,
  };
}
