import { createHmac } from 'node:crypto';
import { matchesAny } from './constant-time';
import { headerValue, signatureEntries, type WebhookRequest, type WebhookVerifier } from './webhook-request';

/** The spec's replay window: a timestamp further than this from now is refused. */
export const STANDARD_WEBHOOKS_TOLERANCE_SECONDS = 5 * 60;

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Below this a key can be guessed; Standard Webhooks providers issue 24 to 64 random bytes. */
export const STANDARD_WEBHOOKS_MIN_SECRET_BYTES = 24;

/**
 * `whsec_<base64>` (prefix optional) to the raw key bytes. Strict: Node's base64 decoder skips what it
 * does not understand, so a mangled secret would otherwise become a short, guessable key. The error
 * never quotes the secret.
 */
export function decodeStandardWebhooksSecret(secret: string): Buffer {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  if (!STRICT_BASE64.test(encoded))
    throw new Error('a Standard Webhooks secret must be padded base64, optionally prefixed whsec_');
  const key = Buffer.from(encoded, 'base64');
  if (key.length < STANDARD_WEBHOOKS_MIN_SECRET_BYTES)
    throw new Error(
      `a Standard Webhooks secret must decode to at least ${STANDARD_WEBHOOKS_MIN_SECRET_BYTES} bytes (got ${key.length})`,
    );
  return key;
}

/**
 * Standard Webhooks (standardwebhooks.com): HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{body}`,
 * base64, in `webhook-signature` as a space-separated list of `v1,<sig>`; timestamps in Unix seconds
 * within a 5-minute tolerance.
 */
export class StandardWebhooksVerifier implements WebhookVerifier {
  readonly needsBody = true;
  private readonly keys: Buffer[];

  constructor(
    secrets: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    if (secrets.length === 0) throw new Error('StandardWebhooksVerifier needs at least one secret');
    this.keys = secrets.map(decodeStandardWebhooksSecret);
  }

  verify({ rawBody, headers }: WebhookRequest): boolean {
    const id = headerValue(headers, 'webhook-id');
    const timestamp = headerValue(headers, 'webhook-timestamp');
    const signatureHeader = headerValue(headers, 'webhook-signature');
    if (!id || !timestamp || !signatureHeader || !/^\d{1,12}$/.test(timestamp)) return false;
    if (Math.abs(this.now() / 1000 - Number(timestamp)) > STANDARD_WEBHOOKS_TOLERANCE_SECONDS) return false;
    const signed = Buffer.concat([Buffer.from(`${id}.${timestamp}.`), rawBody]);
    const expected = this.keys.map((key) => createHmac('sha256', key).update(signed).digest('base64'));
    const entries = signatureEntries(signatureHeader, ' ');
    if (!entries) return false;
    const candidates = entries.filter((part) => part.startsWith('v1,')).map((part) => part.slice(3));
    let matched = false;
    for (const candidate of candidates) matched = matchesAny(candidate, expected) || matched;
    return matched;
  }
}
