import { matchesAny } from './constant-time';
import { headerValue, type WebhookRequest, type WebhookVerifier } from './webhook-request';

export interface BasicCredential {
  username: string;
  password: string;
}

/** HTTP Basic auth against several active credentials (rotation). Used by Credfin. */
export class BasicAuthVerifier implements WebhookVerifier {
  readonly needsBody = false;
  // RFC 7235: a 401 for Basic auth names the scheme; the realm says nothing about the credentials.
  readonly challenge = 'Basic realm="ledgerhook", charset="UTF-8"';
  private readonly expected: Buffer[];

  constructor(credentials: readonly BasicCredential[]) {
    if (credentials.length === 0) throw new Error('BasicAuthVerifier needs at least one credential');
    this.expected = credentials.map(({ username, password }) =>
      Buffer.from(`${username}:${password}`, 'utf8'),
    );
  }

  verify({ headers }: WebhookRequest): boolean {
    const header = headerValue(headers, 'authorization');
    const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
    if (!match?.[1]) return false;
    return matchesAny(Buffer.from(match[1], 'base64'), this.expected);
  }
}
