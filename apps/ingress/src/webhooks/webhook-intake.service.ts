import type { Request } from 'express';
import { buildCloudEventHeaders, CLOUD_EVENT_HEADERS, RECEIPT_NOTE_HEADERS } from '@ledgerhook/contracts';
import type { Logger } from '@ledgerhook/platform';
import { activeTraceparent } from '@ledgerhook/platform/tracing';
import type { IngressConfig } from '../config/ingress.config';
import type { EventPublisher } from '../publishing/event-publisher';
import {
  PublisherClosedError,
  PublisherOverloadedError,
  PublishTimeoutError,
} from '../publishing/publish-errors';
import { FailureLimiter } from '../rate-limit/failure-limiter';
import type { WebhookSource } from '../sources/webhook-source';
import { clientAddress, listContains, parseAddressList } from '../verification/client-address';
import { BodyTimeoutError, BodyTooLargeError, readRawBody } from './raw-body.reader';
import { UnverifiedReads } from './unverified-reads';
import { accepted, rejected, UNAUTHORIZED, type WebhookOutcome } from './webhook-outcome';

// Header-only verifiers (Basic auth, shared secret) run before the body is read.
const NO_BODY = Buffer.alloc(0);
const JSON_CONTENT_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The one path every webhook takes: failure limit per address, source address, content type,
 * header-only verification, size, verification on the raw bytes, the source's rate budget (spent by
 * verified deliveries only), JSON and envelope checks, then publication. A 200 is returned only after Kafka
 * acknowledged the record; nothing unverified or malformed is ever published.
 */
export class WebhookIntake {
  private readonly trustedProxies;
  private readonly failures: FailureLimiter;
  private readonly unverifiedReads: UnverifiedReads;

  constructor(
    private readonly config: IngressConfig,
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
  ) {
    this.trustedProxies =
      config.trustedProxies.length > 0 ? parseAddressList(config.trustedProxies) : undefined;
    this.failures = new FailureLimiter(config.failureLimit);
    this.unverifiedReads = new UnverifiedReads(config.unverifiedReads);
  }

  async receive(source: WebhookSource, request: Request): Promise<WebhookOutcome> {
    const receivedAt = new Date();
    const address = clientAddress(
      request.socket.remoteAddress,
      request.headers['x-forwarded-for'] as string | undefined,
      this.trustedProxies,
    );
    // An address that keeps failing verification is turned away before anything is read.
    const caller = address ?? 'unknown';
    if (!this.failures.allows(caller)) {
      return rejected(
        429,
        'rate_limited',
        'Too many failed requests from this address.',
        this.failures.secondsUntilAllowed(caller),
      );
    }
    if (source.allowedAddresses) {
      if (!address || !listContains(source.allowedAddresses, address))
        return this.unauthorized(source, 'address', caller);
    }
    const contentType = request.headers['content-type'] ?? '';
    const jsonContentType = JSON_CONTENT_TYPE.test(contentType);
    // A single-shot provider is never refused for its form: checked after verification, noted, kept.
    if (!jsonContentType && !source.singleShot) {
      return rejected(415, 'unsupported_media_type', 'Send the webhook as application/json.');
    }
    const { verifier } = source;
    if (!verifier.needsBody && !verifier.verify({ rawBody: NO_BODY, headers: request.headers })) {
      return this.unauthorized(source, 'credentials', caller);
    }

    // A body read before its signature is checked claims a bounded slot and its bytes first.
    const declared = Number(request.headers['content-length']);
    const claim = Number.isFinite(declared) && declared >= 0 ? declared : this.config.maxBodyBytes;
    const release = verifier.needsBody
      ? this.unverifiedReads.tryClaim(Math.min(claim, this.config.maxBodyBytes))
      : () => undefined;
    if (!release) return rejected(503, 'unavailable', 'Too many requests being received; retry.', 1);
    let rawBody: Buffer;
    try {
      const elapsed = Date.now() - receivedAt.getTime();
      rawBody = await readRawBody(request, this.config.maxBodyBytes, this.config.requestTimeoutMs - elapsed);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return rejected(413, 'payload_too_large', `The body must be at most ${error.limit} bytes.`);
      }
      if (error instanceof BodyTimeoutError) {
        return rejected(408, 'request_timeout', 'The body was not received in time; send it again.');
      }
      // The client went away or the connection broke mid-body: nothing was received whole.
      return rejected(400, 'incomplete_body', 'The body could not be read completely.');
    } finally {
      release();
    }
    if (verifier.needsBody && !verifier.verify({ rawBody, headers: request.headers })) {
      return this.unauthorized(source, 'signature', caller);
    }
    // Only verified deliveries spend the source's budget: forgeries cannot starve the real sender.
    if (!source.rateLimiter.tryTake()) {
      return rejected(
        429,
        'rate_limited',
        `Too many requests for ${source.name}.`,
        source.rateLimiter.secondsUntilNextToken(),
      );
    }

    // The value stays byte for byte what was signed; only the parse skips a byte order mark.
    const bom = rawBody.subarray(0, 3).equals(UTF8_BOM);
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8', bom ? 3 : 0));
    } catch {
      return rejected(400, 'invalid_json', 'The body is not valid JSON.');
    }
    const identity = source.identify(body, rawBody, request.headers);
    if ('error' in identity) return rejected(400, 'invalid_envelope', identity.error);

    const headers = buildCloudEventHeaders({
      source: source.name,
      eventName: identity.eventName,
      subject: identity.subject,
      dedupKey: identity.dedupKey,
      receivedAt,
      contentType: 'application/json',
      // The request's own span when tracing is on (a child of the provider's traceparent, if any).
      ...traceparentOf(request.headers['traceparent']),
    });
    if (!jsonContentType) headers[RECEIPT_NOTE_HEADERS.receivedContentType] = contentType.slice(0, 200);
    if (bom) headers[RECEIPT_NOTE_HEADERS.bodyBom] = 'utf-8';
    if (identity.sentEventName) headers[RECEIPT_NOTE_HEADERS.sentEventName] = identity.sentEventName;
    const id = headers[CLOUD_EVENT_HEADERS.id] as string;
    try {
      await this.publisher.publish({
        topic: source.topic,
        key: identity.partitionKey,
        value: rawBody,
        headers,
      });
    } catch (error) {
      return this.unavailable(source, id, error);
    }
    return accepted(id);
  }

  private unauthorized(source: WebhookSource, failed: string, caller: string): WebhookOutcome {
    this.failures.recordFailure(caller);
    this.logger.warn({ source: source.name, failed }, 'webhook verification failed');
    return source.verifier.challenge
      ? { ...UNAUTHORIZED, challenge: source.verifier.challenge }
      : UNAUTHORIZED;
  }

  private unavailable(source: WebhookSource, id: string, error: unknown): WebhookOutcome {
    const known =
      error instanceof PublishTimeoutError ||
      error instanceof PublisherOverloadedError ||
      error instanceof PublisherClosedError;
    this.logger.error(
      { source: source.name, ce_id: id, reason: (error as Error).message },
      'event not made durable; answered 503',
    );
    return rejected(
      503,
      'unavailable',
      known ? 'The event could not be stored in time; retry.' : 'The event could not be stored; retry.',
      known && error instanceof PublisherOverloadedError ? 1 : 5,
    );
  }
}

/** The trace context the stored event continues: the request's span, else the provider's header. */
function traceparentOf(header: string | string[] | undefined): { traceparent?: string } {
  const traceparent = activeTraceparent() ?? (typeof header === 'string' ? header : undefined);
  return traceparent ? { traceparent } : {};
}
