import type { IncomingHttpHeaders } from 'node:http';

/** What a verifier may look at: the raw bytes exactly as received, and the request headers. */
export interface WebhookRequest {
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
}

/** Verifies one source's webhooks. Implementations never throw on bad input; they answer false. */
export interface WebhookVerifier {
  /** Whether verification needs the body (signatures) or only headers (shared secrets, Basic auth). */
  readonly needsBody: boolean;
  /** The `WWW-Authenticate` challenge its 401s carry (Basic auth), if its scheme has one. */
  readonly challenge?: string;
  verify(request: WebhookRequest): boolean;
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
