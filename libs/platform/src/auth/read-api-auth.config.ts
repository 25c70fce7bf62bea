import { z } from 'zod';
import { ConfigError } from '../config/config-error';
import { parseConfig } from '../config/parse-config';
import type { OidcConfig } from './oidc-verifier';
import { type ReadApiToken, readApiTokensVariable } from './read-api-tokens';

/** Who may call a read API: service tokens (READ_API_TOKENS) and/or JWTs of an OIDC issuer. */
export interface ReadApiAuthConfig {
  tokens: readonly ReadApiToken[];
  oidc?: OidcConfig;
}

// https only, but for a loopback issuer (tests, a local identity provider).
const issuerUrl = () =>
  z.url({ error: 'must be a URL' }).refine((text) => {
    const url = new URL(text);
    return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  }, 'must be https (http only on a loopback address)');

/**
 * `READ_API_TOKENS` (service tokens) and/or `OIDC_ISSUER_URL` (JWTs checked against its JWKS, with
 * `OIDC_AUDIENCE` and `OIDC_JWKS_URL` optional): at least one of them, so a read API is never open.
 */
export function loadReadApiAuthConfig(
  service: string,
  env: Record<string, string | undefined> = process.env,
): ReadApiAuthConfig {
  const parsed = parseConfig(
    service,
    {
      READ_API_TOKENS: readApiTokensVariable().optional(),
      OIDC_ISSUER_URL: issuerUrl().optional(),
      OIDC_AUDIENCE: z.string().max(500).optional(),
      OIDC_JWKS_URL: issuerUrl().optional(),
    },
    env,
  );
  if (!parsed.READ_API_TOKENS && !parsed.OIDC_ISSUER_URL) {
    throw new ConfigError(service, [
      {
        variable: 'READ_API_TOKENS',
        message:
          'is required unless OIDC_ISSUER_URL is set: comma-separated name:token:scopes (e.g. risk-team:<24+ random chars>:read)',
      },
    ]);
  }
  for (const name of ['OIDC_AUDIENCE', 'OIDC_JWKS_URL'] as const) {
    if (parsed[name] && !parsed.OIDC_ISSUER_URL) {
      throw new ConfigError(service, [{ variable: name, message: 'needs OIDC_ISSUER_URL' }]);
    }
  }
  return {
    tokens: parsed.READ_API_TOKENS ?? [],
    ...(parsed.OIDC_ISSUER_URL
      ? {
          oidc: {
            issuer: parsed.OIDC_ISSUER_URL,
            ...(parsed.OIDC_AUDIENCE ? { audience: parsed.OIDC_AUDIENCE } : {}),
            ...(parsed.OIDC_JWKS_URL ? { jwksUrl: parsed.OIDC_JWKS_URL } : {}),
          },
        }
      : {}),
  };
}
