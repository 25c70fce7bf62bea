import type { CreditChekApiConfig } from '../config/creditchek-api.config';
import { CreditChekRejectedError } from './creditchek-api.errors';

// "Get an existing insight" as this client assumes it (README, assumptions about CreditChek's API):
// POST {CREDITCHEK_API_URL}{CREDITCHEK_API_INSIGHT_PATH}, header `token`, JSON body { borrowerId };
// 200 -> { status, data: <the flat income_insight data> }, 404 -> no insight yet, 401 -> bad token.
// The `data` is returned as CreditChek sent it: the reconciler wraps it as an income_insight webhook.

export interface InsightRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/** CreditChek's borrower ids are 24-hex MongoDB ids; anything id-like is accepted, nothing else is sent. */
const BORROWER_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function buildInsightRequest(config: CreditChekApiConfig, borrowerId: string): InsightRequest {
  if (!BORROWER_ID.test(borrowerId))
    throw new CreditChekRejectedError(0, 'the borrower id is not an id ([A-Za-z0-9_-], at most 64)');
  return {
    url: `${config.baseUrl}${config.insightPath}`,
    method: 'POST',
    headers: {
      token: config.token,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify({ borrowerId }),
  };
}

export type InsightAnswer =
  | { kind: 'found'; data: Record<string, unknown> }
  | { kind: 'none' }
  | { kind: 'retry'; reason: string }
  | { kind: 'rejected'; status: number; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What an answer means. `json` is the parsed body of a 2xx (undefined when it was not JSON). The
 * insight must be the requested borrower's: the reconciler publishes it as that borrower's webhook.
 */
export function interpretInsightAnswer(status: number, json: unknown, borrowerId: string): InsightAnswer {
  if (status === 404) return { kind: 'none' };
  if (status >= 500 || status === 408 || status === 429) return { kind: 'retry', reason: `HTTP ${status}` };
  if (status === 401 || status === 403)
    return { kind: 'rejected', status, reason: 'the token was refused: check CREDITCHEK_API_TOKEN' };
  if (status < 200 || status >= 300) return { kind: 'rejected', status, reason: 'unexpected status' };
  if (!isRecord(json) || !isRecord(json.data))
    return { kind: 'rejected', status, reason: 'the answer is not { status, data: { … } }' };
  // `status: false` is read as "no insight"; `data.success: false` is an answer (the analysis failed for
  // that account) and is returned like any insight, to be published as CreditChek would have.
  if (json.status === false) return { kind: 'none' };
  const data = json.data;
  const record = isRecord(data.record) ? data.record : data;
  if (record.borrowerId !== borrowerId)
    return { kind: 'rejected', status, reason: "the insight is not the requested borrower's" };
  return { kind: 'found', data };
}
