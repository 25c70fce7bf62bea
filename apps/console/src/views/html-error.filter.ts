import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { AuditUnavailableError, OperationRefusedError } from '@ledgerhook/operations';
import { type Logger, SERVICE_LOGGER } from '@ledgerhook/platform';
import type { Request, Response } from 'express';
import { type ConsoleRequest, SignInRequired } from '../auth/console-session.guard';
import { PageRenderer } from './page-renderer';

/**
 * Errors as pages: a page asked for without a session goes to the login page; any other refusal
 * (403, 404, a read API that did not answer) is shown in the layout with its message. Unexpected
 * errors say only that something failed (the log has the rest).
 */
@Catch()
export class HtmlErrorFilter implements ExceptionFilter {
  constructor(
    @Inject(PageRenderer) private readonly pages: PageRenderer,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    if (error instanceof SignInRequired) return res.redirect(303, '/login');
    const status =
      error instanceof HttpException
        ? error.getStatus()
        : error instanceof OperationRefusedError
          ? 409
          : error instanceof AuditUnavailableError
            ? 503
            : 500;
    if (status >= 500) this.logger.error({ err: error, path: req.route?.path }, 'console request failed');
    // The operations' own refusals are written for operators (as the CLI prints them).
    const message =
      error instanceof HttpException ||
      error instanceof OperationRefusedError ||
      error instanceof AuditUnavailableError
        ? error.message
        : 'Something failed; the console log says what.';
    const session = (req as ConsoleRequest).consoleSession;
    res
      .status(status)
      .type('html')
      .send(this.pages.render(`Error ${status}`, '', {}, session, message));
  }
}
