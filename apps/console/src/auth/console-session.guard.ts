import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE } from '@ledgerhook/platform';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { REQUIRED_ROLE, SIGNED_OUT_ROUTE } from './console-route.decorators';
import type { Role } from './role';
import type { Session } from './session.entity';
import { sessionTokenOf } from './session-cookie';
import { SessionsService } from './sessions.service';

/** Thrown for a request without a live session: pages redirect to /login (SignInRequiredFilter). */
export class SignInRequired extends HttpException {
  constructor() {
    super('sign in first', HttpStatus.UNAUTHORIZED);
  }
}

export type ConsoleRequest = Request & { consoleSession?: Session };

/** The session a guarded handler runs under (the guard set it). */
export function sessionOf(request: Request): Session {
  const session = (request as ConsoleRequest).consoleSession;
  if (!session) throw new SignInRequired();
  return session;
}

const sameText = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Every route needs a live session unless marked @SignedOutRoute/@PublicRoute (health); a POST also
 * needs the session's CSRF token in its `_csrf` field; @RequireRole('operator') routes an operator.
 * Global: a route added later is closed until opened on purpose.
 */
@Injectable()
export class ConsoleSessionGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(SessionsService) private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(SIGNED_OUT_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const token = sessionTokenOf(request);
    const session = token ? await this.sessions.find(token) : undefined;
    if (!session) throw new SignInRequired();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const sent = (request.body as Record<string, unknown> | undefined)?.['_csrf'];
      if (typeof sent !== 'string' || !sameText(sent, session.csrfToken))
        throw new ForbiddenException('missing or wrong CSRF token: reload the page and try again');
    }
    const role = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets);
    if (role === 'operator' && session.role !== 'operator')
      throw new ForbiddenException('this action needs the operator role');
    request.consoleSession = session;
    return true;
  }
}
