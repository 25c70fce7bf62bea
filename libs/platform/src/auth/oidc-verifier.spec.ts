import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../logging/logger';
import { LoggingModule } from '../logging/logging.module';
import { OidcTokenRefused, OidcVerifier } from './oidc-verifier';
import { ReadApiAuthModule } from './read-api-auth.module';
import { loadReadApiAuthConfig } from './read-api-auth.config';

// A local identity provider: its discovery document and JWKS served over real HTTP, as an issuer
// would; tokens signed with its key (and with another key, which must be refused).

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let server: Server;
let issuer: string;
let signingKey: Key;
let strangerKey: Key;
let jwksRequests = 0;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/.well-known/openid-configuration') {
      response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/keys` }));
    } else if (request.url === '/keys') {
      jwksRequests += 1;
      response.end(JSON.stringify({ keys: [jwk] }));
    } else {
      response.writeHead(404).end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function token(claims: JWTPayload, options: { key?: Key; iss?: string; aud?: string; exp?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? 'ledgerhook-read-apis')
    .setSubject('risk-service')
    .setIssuedAt()
    .setExpirationTime(options.exp ?? '5m')
    .sign(options.key ?? signingKey);
}

describe('OidcVerifier (JWTs against the issuer JWKS, jose)', () => {
  const verifier = () => new OidcVerifier({ issuer, audience: 'ledgerhook-read-apis' });

  it('accepts a token of the issuer, taking its scopes from `scope` or `scp`', async () => {
    const fromScope = await verifier().verify(await token({ scope: 'openid read pii:read' }));
    expect(fromScope).toEqual({ name: 'oidc:risk-service', scopes: new Set(['read', 'pii:read']) });
    const fromScp = await verifier().verify(await token({ scp: ['read'], azp: 'risk-team' }));
    expect(fromScp).toEqual({ name: 'oidc:risk-team', scopes: new Set(['read']) });
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it.each([
    ['another issuer', { iss: 'https://elsewhere.example' }, 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['another audience', { aud: 'someone-else' }, 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['an expired token', { exp: '-2m' }, 'ERR_JWT_EXPIRED'],
  ])('refuses %s', async (_name, options, code) => {
    const refused = await verifier()
      .verify(await token({ scope: 'read' }, options))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OidcTokenRefused);
    expect((refused as OidcTokenRefused).reason).toBe(code);
  });

  it('refuses a token signed by another key, and a token that is not a JWT', async () => {
    await expect(verifier().verify(await token({ scope: 'read' }, { key: strangerKey }))).rejects.toThrow(
      OidcTokenRefused,
    );
    await expect(verifier().verify('a.b.c')).rejects.toThrow(OidcTokenRefused);
  });
});

describe('ReadApiGuard with OIDC_ISSUER_URL and READ_API_TOKENS side by side', () => {
  let app: INestApplication;
  let base: string;

  @Controller('things')
  class ThingsController {
    @Get()
    list() {
      return { things: [] };
    }
  }

  beforeAll(async () => {
    const config = loadReadApiAuthConfig('oidc-spec', {
      READ_API_TOKENS: 'svc:svc-token-0123456789abcdefgh:read',
      OIDC_ISSUER_URL: issuer,
      OIDC_AUDIENCE: 'ledgerhook-read-apis',
    });
    @Module({
      imports: [
        LoggingModule.forService(createLogger('oidc-spec', 'silent')),
        ReadApiAuthModule.forService(config),
      ],
      controllers: [ThingsController],
    })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(() => app.close());

  const status = async (bearer: string) =>
    (await fetch(`${base}/things`, { headers: { authorization: `Bearer ${bearer}` } })).status;

  it('lets in a JWT with read, refuses one without (403) and one of another issuer (401)', async () => {
    expect(await status(await token({ scope: 'read' }))).toBe(200);
    expect(await status(await token({ scope: 'pii:read' }))).toBe(403);
    expect(await status(await token({ scope: 'read' }, { iss: 'https://elsewhere.example' }))).toBe(401);
    expect(await status('svc-token-0123456789abcdefgh')).toBe(200);
    expect(await status('svc-token-0123456789abcdefgX')).toBe(401);
  });

  it('needs READ_API_TOKENS or OIDC_ISSUER_URL, and an https issuer off loopback', () => {
    expect(() => loadReadApiAuthConfig('svc', {})).toThrow(/READ_API_TOKENS.*OIDC_ISSUER_URL/);
    expect(() => loadReadApiAuthConfig('svc', { OIDC_ISSUER_URL: 'http://idp.example' })).toThrow(/https/);
    expect(() =>
      loadReadApiAuthConfig('svc', {
        READ_API_TOKENS: 'a:abcdefghijklmnopqrstuvwx:read',
        OIDC_AUDIENCE: 'x',
      }),
    ).toThrow(/OIDC_AUDIENCE.*needs OIDC_ISSUER_URL/);
  });
});
