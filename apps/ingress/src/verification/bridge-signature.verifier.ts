import { createHmac } from 'node:crypto';
import { matchesAny } from './constant-time';
import { headerValue, signatureEntries, type WebhookRequest, type WebhookVerifier } from './webhook-request';

export const BRIDGE_SIGNATURE_HEADER = 'bridgeapi-signature';

/**
 * Bridge: `BridgeApi-Signature: v1=<HEX>`, HEX = HMAC-SHA256(secret, raw body). During a rotation
 * the header may carry several comma-separated values and up to two secrets are active: accept when
 * any v1 value matches any secret; values of other schemes are ignored.
 */
export class BridgeSignatureVerifier implements WebhookVerifier {
  readonly needsBody = true;

  constructor(private readonly secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error('BridgeSignatureVerifier needs at least one secret');
  }

  verify({ rawBody, headers }: WebhookRequest): boolean {
    const header = headerValue(headers, BRIDGE_SIGNATURE_HEADER);
    const entries = header ? signatureEntries(header, ',') : undefined;
    if (!entries) return false;
    const signatures = entries
      .map((part) => part.trim())
      .filter((part) => part.toLowerCase().startsWith('v1='))
      .map((part) => part.slice(3).trim().toLowerCase())
      .filter((hex) => /^[0-9a-f]{64}$/.test(hex));
    if (signatures.length === 0) return false;
    const expected = this.secrets.map((secret) => createHmac('sha256', secret).update(rawBody).digest('hex'));
    let matched = false;
    for (const signature of signatures) matched = matchesAny(signature, expected) || matched;
    return matched;
  }
}
