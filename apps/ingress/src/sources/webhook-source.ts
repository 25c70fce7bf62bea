import type { IncomingHttpHeaders } from 'node:http';
import type { BlockList } from 'node:net';
import type { EventIdentity } from '@ledgerhook/contracts';
import type { TokenBucket } from '../rate-limit/token-bucket';
import type { WebhookVerifier } from '../verification/webhook-request';

/** Everything the intake needs to know about one place webhooks come from. */
export interface WebhookSource {
  /** `credfin`, `creditchek`, `bridge`, or a generic source's configured name. */
  name: string;
  /** The raw topic its verified events go to. */
  topic: string;
  verifier: WebhookVerifier;
  rateLimiter: TokenBucket;
  /**
   * Sends each webhook once and never again (CreditChek): a verified delivery is then stored whatever
   * its content type, since refusing it would lose it.
   */
  singleShot?: boolean;
  /** When set, only these client addresses may call (Bridge's documented source IPs). */
  allowedAddresses?: BlockList;
  /** Names the event and its keys from the verified, parsed body; `error` means a 400. */
  identify(body: unknown, rawBody: Buffer, headers: IncomingHttpHeaders): EventIdentity | { error: string };
}
