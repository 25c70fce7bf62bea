import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Optional,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { PUBLIC_ROUTE, REQUIRED_SCOPES } from './public-route.decorator';
import { OidcTokenRefused, OidcVerifier } from './oidc-verifier';
import { digestOf, READ_SCOPE, type ReadApiCaller, type ReadApiToken } from './read-api-tokens';

export const READ_API_TOKENS = Symbol('READ_API_TOKENS');
// Three base64url parts: what a JWT looks like (service tokens are tried first anyway).
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The authenticated caller, on the request, for handlers that audit who read what. */
export const callerOf = (request: Request): ReadApiCaller | undefined =>
  (request as Request & { readApiCaller?: ReadApiCaller }).readApiCaller;

/**
 * Every HTTP route of a read API needs `Authorization: Bearer <token>` with the `read` scope (and any
 * `@RequireScopes`), unless marked `@PublicRoute()`: a route added later is closed until opened on
 * purpose. A token is a service token (READ_API_TOKENS, compared in constant time as SHA-256 digests)
 * or, when OIDC_ISSUER_URL is set, a JWT of that issuer (OidcVerifier). Kafka handlers are not its concern.
 */
@Injectable()
export class ReadApiGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(READ_API_TOKENS) private readonly tokens: readonly ReadApiToken[],
    @Optional() @Inject(OidcVerifier) private readonly oidc?: OidcVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const match = /^Bearer ([^\s]+)$/.exec(request.headers.authorization ?? '');
    const caller = match ? await this.authenticate(match[1] as string) : undefined;
    if (!caller) {
      context
        .switchToHttp()
        .getResponse<Response>()
        .setHeader('WWW-Authenticate', 'Bearer realm="ledgerhook"');
      throw new UnauthorizedException('a valid bearer token is required');
    }
    const needed = [
      READ_SCOPE,
      ...(this.reflector.getAllAndOverride<string[]>(REQUIRED_SCOPES, targets) ?? []),
    ];
    const missing = needed.filter((scope) => !caller.scopes.has(scope));
    if (missing.length > 0) throw new ForbiddenException(`this token lacks the scope ${missing.join(', ')}`);
    (request as Request & { readApiCaller?: ReadApiCaller }).readApiCaller = {
      name: caller.name,
      scopes: caller.scopes,
    };
    return true;
  }

  private async authenticate(token: string): Promise<ReadApiCaller | undefined> {
    const known = this.find(token);
    if (known || !this.oidc || !JWT.test(token)) return known;
    try {
      return await this.oidc.verify(token);
    } catch (error) {
      if (error instanceof OidcTokenRefused) return undefined;
      // The issuer's keys cannot be fetched: not the caller's fault, and not a reason to let it in.
      throw new ServiceUnavailableException('the OIDC issuer cannot be reached to check the token');
    }
  }

  private find(token: string): ReadApiToken | undefined {
    const digest = digestOf(token);
    let found: ReadApiToken | undefined;
    // Every token compared, whichever matches: the time taken says nothing about which.
    for (const candidate of this.tokens) if (timingSafeEqual(candidate.digest, digest)) found = candidate;
    return found;
  }
}
