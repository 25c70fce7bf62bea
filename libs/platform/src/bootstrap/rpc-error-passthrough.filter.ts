import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC filter replaces any error a handler throws with `{ status: 'error', message:
 * 'Internal server error' }`. Our consumer transport decides from the error itself (a database
 * outage is retried, a rejected event is dead-lettered), so handlers' errors reach it unchanged.
 */
@Catch()
export class RpcErrorPassthroughFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
