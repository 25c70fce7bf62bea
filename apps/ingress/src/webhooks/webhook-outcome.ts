/** Every status a webhook route answers; each is documented in apps/ingress/openapi.yaml. */
export const WEBHOOK_STATUSES = [200, 400, 401, 404, 408, 413, 415, 429, 503] as const;

/** Answered by Node's HTTP parser before a route sees the request (headers over 16 KiB); documented too. */
export const HTTP_PARSER_STATUSES = [431] as const;

export interface WebhookOutcome {
  status: (typeof WEBHOOK_STATUSES)[number];
  body: { id: string } | { error: string; message: string };
  retryAfterSeconds?: number;
  /** `WWW-Authenticate` of a 401 from a source that authenticates with a scheme HTTP can challenge. */
  challenge?: string;
}

export const accepted = (id: string): WebhookOutcome => ({ status: 200, body: { id } });

export const rejected = (
  status: Exclude<WebhookOutcome['status'], 200>,
  error: string,
  message: string,
  retryAfterSeconds?: number,
): WebhookOutcome => ({
  status,
  body: { error, message },
  ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
});

// One answer for every verification failure: it never says which part was wrong.
export const UNAUTHORIZED = rejected(401, 'unauthorized', 'The request could not be verified.');
