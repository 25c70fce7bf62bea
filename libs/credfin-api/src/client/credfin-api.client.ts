import { Readable } from 'node:stream';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  type CircuitBreakerPolicy,
  CircuitState,
  type IPolicy,
} from 'cockatiel';
import { NETWORK_ERROR, providerHttp } from '@ledgerhook/provider-http';
import { type Agent, request } from 'undici';
import type { CredfinApiConfig } from '../config/credfin-api.config';
import { credfinAuthHeaders } from '../signing/hmac-signer';
import type { ArtifactRef } from './artifact-kind';
import { CredfinRejectedError, CredfinTransientError, CredfinUnavailableError } from './credfin-api.errors';
import { errorExcerpt } from './error-excerpt';
import { RetryAfterAwareBackoff } from './retry-after.backoff';

export interface FetchedArtifact {
  contentType: string;
  /** When Credfin declared it. */
  contentLength?: number;
  /**
   * Streamed: read it once, never buffered whole by the client. A download that breaks off fails
   * with CredfinUnavailableError (try again later), never with a bare socket error.
   */
  body: Readable;
}

const RETRYABLE_STATUS = (status: number) => status >= 500 || status === 408 || status === 429;
// Retry-After beyond this is not waited for inside one fetch: the caller pauses instead.
const MAX_RETRY_AFTER_MS = 30_000;

/**
 * Credfin's HMAC-authenticated API: keep-alive connections with connect and total timeouts; every
 * request signed; network errors, 5xx, 408 and 429 retried with exponential back-off and jitter
 * (honouring Retry-After); a circuit breaker that fails fast while Credfin is down; at most
 * `concurrency` requests in flight (cockatiel policies, not hand-written loops).
 */
export class CredfinApiClient {
  private readonly agent: Agent;
  private readonly policy: IPolicy;
  private readonly breaker: CircuitBreakerPolicy;

  constructor(
    private readonly config: CredfinApiConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    ({
      agent: this.agent,
      policy: this.policy,
      breaker: this.breaker,
    } = providerHttp({
      ...config,
      transient: CredfinTransientError,
      backoff: new RetryAfterAwareBackoff(),
    }));
  }

  /** The path of an artifact, from the configured templates. */
  pathOf(ref: ArtifactRef): string {
    const template = this.config.paths[ref.kind];
    const id = 'analysisId' in ref ? ref.analysisId : ref.applicationId;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new CredfinRejectedError(0, `invalid id for ${ref.kind}`);
    return template.replace('{application_id}', id).replace('{analysis_id}', id);
  }

  async fetch(ref: ArtifactRef): Promise<FetchedArtifact> {
    const path = this.pathOf(ref);
    try {
      return await this.policy.execute(({ signal }) => this.attempt(path, signal));
    } catch (error) {
      if (error instanceof BrokenCircuitError)
        throw new CredfinUnavailableError('Credfin API circuit is open after repeated failures', {
          cause: error,
        });
      if (error instanceof BulkheadRejectedError)
        throw new CredfinUnavailableError('Credfin API client is saturated', { cause: error });
      if (error instanceof CredfinTransientError)
        throw new CredfinUnavailableError(`Credfin API kept failing: ${error.message}`, { cause: error });
      throw error;
    }
  }

  /** False while the breaker is open: Credfin failed repeatedly and calls fail fast. */
  isAvailable(): boolean {
    return this.breaker.state !== CircuitState.Open;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async attempt(path: string, signal: AbortSignal): Promise<FetchedArtifact> {
    const headers = credfinAuthHeaders(this.config.token, { method: 'GET', path, date: this.now() });
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(`${this.config.baseUrl}${path}`, {
        method: 'GET',
        headers,
        dispatcher: this.agent,
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.config.timeoutMs)]),
      });
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? (error as Error).name);
      if (NETWORK_ERROR.test(code) || (error as Error).name === 'TimeoutError')
        throw new CredfinTransientError(`network error (${code})`);
      throw error;
    }
    const { statusCode, body } = response;
    if (statusCode >= 200 && statusCode < 300) {
      const length = Number(response.headers['content-length']);
      return {
        contentType: String(response.headers['content-type'] ?? 'application/octet-stream'),
        ...(Number.isFinite(length) ? { contentLength: length } : {}),
        body: typedDownload(body, path),
      };
    }
    if (RETRYABLE_STATUS(statusCode)) {
      await body.dump().catch(() => undefined);
      const retryAfter = retryAfterMs(response.headers['retry-after'], this.now());
      throw new CredfinTransientError(`Credfin answered ${statusCode}`, retryAfter);
    }
    throw new CredfinRejectedError(statusCode, await errorExcerpt(body));
  }
}

/** The body as it arrives, its failures (reset, timeout, truncation) typed for the caller. */
function typedDownload(body: Readable, path: string): Readable {
  return Readable.from(
    (async function* () {
      try {
        for await (const chunk of body) yield chunk as Buffer;
      } catch (error) {
        const code = String((error as { code?: unknown }).code ?? (error as Error).name);
        throw new CredfinUnavailableError(`Credfin API download of ${path} broke off (${code})`, {
          cause: error,
        });
      }
    })(),
    { objectMode: false },
  );
}

function retryAfterMs(header: string | string[] | undefined, now: Date): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now.getTime();
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : undefined;
}
