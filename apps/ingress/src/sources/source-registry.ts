import { type Provider, identifyProviderEvent, rawTopicName } from '@ledgerhook/contracts';
import type { IngressConfig } from '../config/ingress.config';
import { TokenBucket } from '../rate-limit/token-bucket';
import { BasicAuthVerifier } from '../verification/basic-auth.verifier';
import { BridgeSignatureVerifier } from '../verification/bridge-signature.verifier';
import { parseAddressList } from '../verification/client-address';
import { HeaderTokenVerifier } from '../verification/header-token.verifier';
import { HmacSignatureVerifier } from '../verification/hmac-signature.verifier';
import { StandardWebhooksVerifier } from '../verification/standard-webhooks.verifier';
import type { WebhookVerifier } from '../verification/webhook-request';
import type { GenericVerificationConfig } from './generic-sources.config';
import { identifyGenericEvent } from './generic-source.identity';
import type { WebhookSource } from './webhook-source';

export const CREDITCHEK_SIGNATURE_HEADER = 'x-auth-signature';

function genericVerifier(verification: GenericVerificationConfig): WebhookVerifier {
  switch (verification.method) {
    case 'standard-webhooks':
      return new StandardWebhooksVerifier(verification.secrets);
    case 'hmac-sha256':
      return new HmacSignatureVerifier(verification);
    case 'basic':
      return new BasicAuthVerifier(verification.credentials);
    case 'header-token':
      return new HeaderTokenVerifier(verification.header, verification.secrets);
  }
}

/**
 * Every source the ingress accepts, built once at boot from configuration. A name not in the
 * registry is a 404: nothing is ever accepted "open".
 */
export class SourceRegistry {
  private readonly providers = new Map<string, WebhookSource>();
  private readonly generic = new Map<string, WebhookSource>();

  constructor(config: IngressConfig) {
    const limiter = (name: string, override?: number) =>
      new TokenBucket(config.rateLimit.perSource[name] ?? override ?? config.rateLimit.defaultPerSecond);
    const provider = (name: Provider, verifier: WebhookVerifier, extra: Partial<WebhookSource> = {}) =>
      this.providers.set(name, {
        name,
        topic: rawTopicName(name),
        verifier,
        rateLimiter: limiter(name),
        identify: (body, rawBody) => identifyProviderEvent(name, body, rawBody, config.accountRefs),
        ...extra,
      });

    provider('credfin', new BasicAuthVerifier(config.credfin.credentials));
    // Seed 001: CreditChek sends each webhook once.
    provider('creditchek', new HeaderTokenVerifier(CREDITCHEK_SIGNATURE_HEADER, config.creditchek.secrets), {
      singleShot: true,
    });
    provider(
      'bridge',
      new BridgeSignatureVerifier(config.bridge.secrets),
      config.bridge.allowedIps.length > 0
        ? { allowedAddresses: parseAddressList(config.bridge.allowedIps) }
        : {},
    );
    for (const source of config.genericSources) {
      this.generic.set(source.name, {
        name: source.name,
        topic: rawTopicName(source.name),
        verifier: genericVerifier(source.verification),
        rateLimiter: limiter(source.name, source.rateLimitPerSecond),
        identify: (body, rawBody, headers) => identifyGenericEvent(source, body, rawBody, headers),
      });
    }
  }

  provider(name: string): WebhookSource | undefined {
    return this.providers.get(name);
  }

  genericSource(name: string): WebhookSource | undefined {
    return this.generic.get(name);
  }

  /** Every source's name; each has the raw topic `webhooks.<name>.v1`, created at boot. */
  names(): string[] {
    return [...this.providers.keys(), ...this.generic.keys()];
  }
}
