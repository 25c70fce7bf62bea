import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { PUBLIC_ROUTE, REQUIRED_SCOPES } from './public-route.decorator';
import { digestOf, READ_SCOPE, type ReadApiCaller, type ReadApiToken } from './read-api-tokens';

export const READ_API_TOKENS = Symbol('READ_API_TOKENS');

/** The authenticated caller, on the request, for handlers that audit who read what. */
export const callerOf = (request: Request): ReadApiCaller | undefined =>
  (request as Request & { readApiCaller?: ReadApiCaller }).readApiCaller;

/**
 * Every HTTP route of a read API needs `Authorization: Bearer <token>` with the `read` scope (and any
 * `@RequireScopes`), unless marked `@PublicRoute()`: a route added later is closed until opened on
 * purpose. Tokens compared in constant time, as SHA-256 digests. Kafka handlers are not its concern.
 */
@Injectable()
export class ReadApiGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(READ_API_TOKENS) private readonly tokens: readonly ReadApiToken[],
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const match = /^Bearer ([^\s]+)$/.exec(request.headers.authorization ?? '');
    const caller = match ? this.find(match[1] as string) : undefined;
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

  private find(token: string): ReadApiToken | undefined {
    const digest = digestOf(token);
    let found: ReadApiToken | undefined;
    // Every token compared, whichever matches: the time taken says nothing about which.
    for (const candidate of this.tokens) if (timingSafeEqual(candidate.digest, digest)) found = candidate;
    return found;
  }
}
