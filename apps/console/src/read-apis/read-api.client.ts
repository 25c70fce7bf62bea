import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { CONSOLE_CONFIG } from '../console.tokens';
import type { ConsoleConfig } from '../config/console.config';

export type ReadApi = 'lifecycle' | 'reports' | 'scores';

// A page waits this long for a read API before it says which one did not answer.
const TIMEOUT_MS = 5_000;

/**
 * The lifecycle-projector, report-retriever and income-scorer read APIs, called with the console's
 * service token (scope `read`: personal fields come back masked by the API itself).
 */
@Injectable()
export class ReadApiClient {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  /** The JSON answer, or undefined on 404. */
  async json<T>(api: ReadApi, path: string): Promise<T | undefined> {
    const response = await this.get(api, path);
    if (response.status === 404) return undefined;
    if (!response.ok)
      throw new ServiceUnavailableException(`the ${api} read API answered ${response.status}`);
    return (await response.json()) as T;
  }

  async get(api: ReadApi, path: string, token = this.config.readApis.token): Promise<Response> {
    const base = this.config.readApis[api];
    try {
      return await fetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ServiceUnavailableException(`the ${api} read API (${base}) did not answer`);
    }
  }
}
