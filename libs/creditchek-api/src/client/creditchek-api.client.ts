import {
  BrokenCircuitError,
  BulkheadRejectedError,
  type CircuitBreakerPolicy,
  CircuitState,
  type IPolicy,
} from 'cockatiel';
import { NETWORK_ERROR, providerHttp } from '@ledgerhook/provider-http';
import { type Agent, request } from 'undici';
import type { CreditChekApiConfig } from '../config/creditchek-api.config';
import {
  CreditChekRejectedError,
  CreditChekTransientError,
  CreditChekUnavailableError,
} from './creditchek-api.errors';
import { buildInsightRequest, interpretInsightAnswer } from './insight-request';

// An insight is a few tens of kilobytes; an answer far larger is not one.
const MAX_ANSWER_BYTES = 5 * 1024 * 1024;

/**
 * CreditChek's API, for reconciliation: fetch the existing insight of a borrower whose webhook never
 * came. Keep-alive connections with connect and total timeouts; network errors, timeouts, 5xx, 408 and
 * 429 retried with exponential back-off and jitter; a circuit breaker that fails fast while CreditChek
 * is down; at most `concurrency` requests in flight (cockatiel policies).
 */
export class CreditChekApiClient {
  private readonly agent: Agent;
  private readonly policy: IPolicy;
  private readonly breaker: CircuitBreakerPolicy;

  constructor(private readonly config: CreditChekApiConfig) {
    ({
      agent: this.agent,
      policy: this.policy,
      breaker: this.breaker,
    } = providerHttp({
      ...config,
      transient: CreditChekTransientError,
    }));
  }

  /**
   * The borrower's existing insight `data` as CreditChek sent it, or undefined when it has none.
   * Throws CreditChekRejectedError (do not retry: bad token, malformed answer, another borrower's
   * insight) or CreditChekUnavailableError (try again later).
   */
  async fetchInsight(borrowerId: string): Promise<Record<string, unknown> | undefined> {
    const built = buildInsightRequest(this.config, borrowerId);
    try {
      return await this.policy.execute(async ({ signal }) => {
        const answer = interpretInsightAnswer(...(await this.send(built, signal)), borrowerId);
        switch (answer.kind) {
          case 'found':
            return answer.data;
          case 'none':
            return undefined;
          case 'retry':
            throw new CreditChekTransientError(`CreditChek answered ${answer.reason}`);
          case 'rejected':
            throw new CreditChekRejectedError(answer.status, answer.reason);
        }
      });
    } catch (error) {
      if (error instanceof BrokenCircuitError)
        throw new CreditChekUnavailableError('CreditChek API circuit is open after repeated failures', {
          cause: error,
        });
      if (error instanceof BulkheadRejectedError)
        throw new CreditChekUnavailableError('CreditChek API client is saturated', { cause: error });
      if (error instanceof CreditChekTransientError)
        throw new CreditChekUnavailableError(`CreditChek API kept failing: ${error.message}`, {
          cause: error,
        });
      throw error;
    }
  }

  /** False while the breaker is open: CreditChek failed repeatedly and calls fail fast. */
  isAvailable(): boolean {
    return this.breaker.state !== CircuitState.Open;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** One attempt: the status and, for a 2xx, the parsed JSON (undefined when it is not JSON). */
  private async send(
    built: ReturnType<typeof buildInsightRequest>,
    signal: AbortSignal,
  ): Promise<[number, unknown]> {
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(built.url, {
        method: built.method,
        headers: built.headers,
        body: built.body,
        dispatcher: this.agent,
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.config.timeoutMs)]),
      });
    } catch (error) {
      throw this.transientOr(error);
    }
    const { statusCode, body } = response;
    if (statusCode < 200 || statusCode >= 300) {
      await body.dump().catch(() => undefined);
      return [statusCode, undefined];
    }
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of body) {
        size += (chunk as Buffer).length;
        if (size > MAX_ANSWER_BYTES) {
          body.destroy();
          throw new CreditChekRejectedError(
            statusCode,
            `the answer is larger than ${MAX_ANSWER_BYTES} bytes`,
          );
        }
        chunks.push(chunk as Buffer);
      }
      try {
        return [statusCode, JSON.parse(Buffer.concat(chunks).toString('utf8'))];
      } catch {
        return [statusCode, undefined];
      }
    } catch (error) {
      throw this.transientOr(error);
    }
  }

  private transientOr(error: unknown): unknown {
    if (error instanceof CreditChekRejectedError) return error;
    const code = String((error as { code?: unknown }).code ?? (error as Error).name);
    if (NETWORK_ERROR.test(code) || (error as Error).name === 'TimeoutError')
      return new CreditChekTransientError(`network error (${code})`);
    return error;
  }
}
