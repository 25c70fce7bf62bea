import { Body, Controller, Get, Header, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CONSOLE_CONFIG } from '../console.tokens';
import type { ConsoleConfig } from '../config/console.config';
import { PageRenderer } from '../views/page-renderer';
import { LOGIN_VIEW } from '../views/login.view';
import { SignedOutRoute } from './console-route.decorators';
import { OperatorsService } from './operators.service';
import { clearedSessionCookie, sessionCookie, sessionTokenOf } from './session-cookie';
import { SessionsService } from './sessions.service';

/** Sign in (a session cookie) and out (the session deleted). */
@Controller()
export class LoginController {
  constructor(
    @Inject(OperatorsService) private readonly operators: OperatorsService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(PageRenderer) private readonly pages: PageRenderer,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  @Get('login')
  @SignedOutRoute()
  @Header('content-type', 'text/html; charset=utf-8')
  form(): string {
    return this.pages.render('Sign in', LOGIN_VIEW, {});
  }

  // No CSRF token before a session exists: SameSite=Strict on the cookie it sets, and a login only
  // ever signs in as whoever knows the password.
  @Post('login')
  @SignedOutRoute()
  @HttpCode(200)
  async login(@Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { username, password } = body;
    const operator =
      typeof username === 'string' && typeof password === 'string'
        ? await this.operators.verify(username, password)
        : undefined;
    if (!operator) {
      res
        .status(401)
        .type('html')
        .send(this.pages.render('Sign in', LOGIN_VIEW, {}, undefined, 'Unknown user or wrong password.'));
      return;
    }
    const { token } = await this.sessions.open(operator);
    res.setHeader('set-cookie', sessionCookie(token, this.config.cookieSecure, this.config.sessionTtlMs));
    res.redirect(303, '/applications');
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = sessionTokenOf(req);
    if (token) await this.sessions.close(token);
    res.setHeader('set-cookie', clearedSessionCookie(this.config.cookieSecure));
    res.redirect(303, '/login');
  }

  @Get()
  home(@Res() res: Response): void {
    res.redirect(303, '/applications');
  }
}
