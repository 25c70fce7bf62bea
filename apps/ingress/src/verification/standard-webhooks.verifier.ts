import { createHmac } from 'node:crypto';
import { matchesAny } from './constant-time';
import { headerValue, type WebhookRequest, type WebhookVerifier } from './webhook-request';

/** The spec's replay window: a timestamp further than this from now is refused. */
export const STANDARD_WEBHOOKS_TOLERANCE_SECONDS = 5 * 60;

/** `whsec_<base64>` (prefix optional) to the raw key bytes. */
export function decodeStandardWebhooksSecret(secret: string): Buffer {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0)
    throw new Error('a Standard Webhooks secret must be base64 (optionally prefixed whsec_)');
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
    const candidates = signatureHeader
      .split(' ')
      .filter((part) => part.startsWith('v1,'))
      .map((part) => part.slice(3));
    let matched = false;
    for (const candidate of candidates) matched = matchesAny(candidate, expected) || matched;
    return matched;
  }
}
