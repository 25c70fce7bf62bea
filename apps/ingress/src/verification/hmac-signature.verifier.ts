import { createHmac } from 'node:crypto';
import { matchesAny } from './constant-time';
import { headerValue, type WebhookRequest, type WebhookVerifier } from './webhook-request';

export interface HmacSignatureOptions {
  header: string;
  encoding: 'hex' | 'base64';
  /** Text before the signature in the header, e.g. "sha256=". */
  prefix?: string;
  secrets: readonly string[];
}

/** A generic source signing the raw body with HMAC-SHA256 into one header (hex or base64). */
export class HmacSignatureVerifier implements WebhookVerifier {
  readonly needsBody = true;

  constructor(private readonly options: HmacSignatureOptions) {
    if (options.secrets.length === 0)
      throw new Error(`HmacSignatureVerifier(${options.header}) needs a secret`);
  }

  verify({ rawBody, headers }: WebhookRequest): boolean {
    let value = headerValue(headers, this.options.header)?.trim();
    if (!value) return false;
    const prefix = this.options.prefix ?? '';
    if (prefix) {
      if (!value.toLowerCase().startsWith(prefix.toLowerCase())) return false;
      value = value.slice(prefix.length);
    }
    const normalise = (signature: string) =>
      this.options.encoding === 'hex' ? signature.toLowerCase() : signature.replace(/=+$/, '');
    const expected = this.options.secrets.map((secret) =>
      normalise(createHmac('sha256', secret).update(rawBody).digest(this.options.encoding)),
    );
    return matchesAny(normalise(value), expected);
  }
}
