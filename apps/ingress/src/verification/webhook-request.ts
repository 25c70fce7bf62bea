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

/**
 * A provider rotating secrets sends two or three signatures at most; a header with more is refused
 * before any of them is parsed or compared, so it costs what a normal request costs.
 */
export const MAX_SIGNATURE_ENTRIES = 8;

/** The header's entries split by `separator`, or undefined when there are more than MAX_SIGNATURE_ENTRIES. */
export function signatureEntries(header: string, separator: string): string[] | undefined {
  let count = 1;
  for (let at = header.indexOf(separator); at !== -1; at = header.indexOf(separator, at + 1))
    if (++count > MAX_SIGNATURE_ENTRIES) return undefined;
  return header.split(separator);
}
