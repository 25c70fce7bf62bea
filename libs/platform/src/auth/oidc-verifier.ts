import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import type { ReadApiCaller } from './read-api-tokens';
import { PII_SCOPE, READ_SCOPE } from './read-api-tokens';

/** Where JWTs come from: OIDC_ISSUER_URL, OIDC_AUDIENCE, OIDC_JWKS_URL. */
export interface OidcConfig {
  issuer: string;
  /** When set, a token must name it in `aud`. */
  audience?: string;
  /** The issuer's key set; unset: `jwks_uri` of `<issuer>/.well-known/openid-configuration`. */
  jwksUrl?: string;
}

const SCOPES = new Set([READ_SCOPE, PII_SCOPE]);
// Asymmetric only: an HMAC-signed token would need the issuer's secret here.
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const DISCOVERY_TIMEOUT_MS = 5_000;

/** The scopes of a token: `scope` (space-separated, RFC 8693) or `scp` (a list, or a string). */
function scopesOf(payload: JWTPayload): Set<string> {
  const claim = payload['scope'] ?? payload['scp'];
  const listed = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(' ') : [];
  return new Set(listed.filter((scope): scope is string => typeof scope === 'string' && SCOPES.has(scope)));
}

/** Why a JWT was refused, never with the token in it (a caller's credential). */
export class OidcTokenRefused extends Error {
  constructor(readonly reason: string) {
    super(`JWT refused: ${reason}`);
    this.name = 'OidcTokenRefused';
  }
}

/**
 * Checks a JWT against the issuer's JWKS with jose: signature (asymmetric algorithms only), `iss`,
 * `aud` when OIDC_AUDIENCE is set, `exp` and `nbf` (30 s of clock skew). The key set is fetched on
 * first use and again when a token names a key id it does not hold (key rotation), by jose.
 */
export class OidcVerifier {
  #keys: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(private readonly config: OidcConfig) {}

  async verify(token: string): Promise<ReadApiCaller> {
    const keys = await this.keys();
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: this.config.issuer,
        ...(this.config.audience ? { audience: this.config.audience } : {}),
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 30,
      });
      const name = String(payload['client_id'] ?? payload['azp'] ?? payload.sub).slice(0, 200);
      return { name: `oidc:${name}`, scopes: scopesOf(payload) };
    } catch (error) {
      if (error instanceof errors.JOSEError) throw new OidcTokenRefused(error.code);
      throw error;
    }
  }

  private async keys(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    if (this.#keys) return this.#keys;
    const url = this.config.jwksUrl ?? (await this.discover());
    this.#keys = createRemoteJWKSet(new URL(url), { timeoutDuration: DISCOVERY_TIMEOUT_MS });
    return this.#keys;
  }

  private async discover(): Promise<string> {
    const base = this.config.issuer.replace(/\/+$/, '');
    const response = await fetch(`${base}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
    });
    const document = (response.ok ? await response.json() : {}) as { jwks_uri?: unknown };
    if (typeof document.jwks_uri !== 'string') {
      throw new Error(`the OIDC issuer's discovery document names no jwks_uri (HTTP ${response.status})`);
    }
    return document.jwks_uri;
  }
}
