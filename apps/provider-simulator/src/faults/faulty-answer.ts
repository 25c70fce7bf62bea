import type { Request, Response } from 'express';
import type { FaultInjector } from './fault-injector';

type Failure = ReturnType<FaultInjector['hit']>;

/**
 * Answers the failure instead of the content, when there is one to simulate before any content:
 * the connection closed without an answer, or the failure status (with Retry-After). True if it did.
 */
export function failInstead(req: Request, res: Response, failure: Failure, body: object): boolean {
  if (failure?.reset) {
    req.socket.destroy();
    return true;
  }
  if (failure && !failure.truncate) {
    if (failure.retryAfterSeconds) res.setHeader('retry-after', String(failure.retryAfterSeconds));
    res.status(failure.status).json(body);
    return true;
  }
  return false;
}

/** 200 with the content; under a truncation fault, the headers and half the promised bytes, then a closed connection. */
export function sendContent(req: Request, res: Response, failure: Failure, type: string, body: Buffer): void {
  res.status(200).type(type).setHeader('content-length', String(body.length));
  if (failure?.truncate) {
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => req.socket.destroy());
    return;
  }
  res.end(body);
}
