import { matchesAny } from './constant-time';
import { headerValue, type WebhookRequest, type WebhookVerifier } from './webhook-request';

/**
 * A header whose value must equal one of the shared secrets. CreditChek sends its secret key as
 * `x-auth-signature`: it is a plain shared secret, not an HMAC of the body.
 */
export class HeaderTokenVerifier implements WebhookVerifier {
  readonly needsBody = false;

  constructor(
    private readonly headerName: string,
    private readonly secrets: readonly string[],
  ) {
    if (secrets.length === 0) throw new Error(`HeaderTokenVerifier(${headerName}) needs at least one secret`);
  }

  verify({ headers }: WebhookRequest): boolean {
    const value = headerValue(headers, this.headerName);
    return value !== undefined && matchesAny(value, this.secrets);
  }
}
