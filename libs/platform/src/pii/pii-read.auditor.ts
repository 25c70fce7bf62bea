import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { callerOf } from '../auth/read-api.guard';
import { PII_SCOPE } from '../auth/read-api-tokens';
import { SERVICE_LOGGER } from '../logging/logging.module';

/** How a read API view holds personal data: which fields are filled, and the view without them. */
export interface PiiPolicy<T> {
  /** Names (paths) of the personal fields this view actually carries (non-null), e.g. `contact.email`. */
  fields(view: T): string[];
  /** The view with every personal field masked (account numbers down to their last 4). */
  mask(view: T): T;
}

/** The audit record of one read of personal data: who, which subject, which fields; never the data. */
export interface PiiReadAudit {
  audit: 'pii.read';
  caller: string;
  subject: string;
  fields: string[];
  method: string;
  route: string;
}

/**
 * Gives a read API's answer its personal data only when the caller holds `pii:read`, and writes an
 * audit line for each such read (log field `audit: "pii.read"`, at info whatever LOG_LEVEL says: a
 * quieter level must not drop the audit; only `silent`, which tests use, does). Without the scope the
 * view is masked and nothing is audited: nothing personal was read.
 */
@Injectable()
export class PiiDisclosure {
  private readonly logger: Logger;

  constructor(@Inject(SERVICE_LOGGER) logger: Logger) {
    this.logger = logger.level === 'silent' ? logger : logger.child({}, { level: 'info' });
  }

  disclose<T>(request: Request, subject: string, view: T, policy: PiiPolicy<T>): T {
    const caller = callerOf(request);
    if (!caller?.scopes.has(PII_SCOPE)) return policy.mask(view);
    const fields = policy.fields(view);
    if (fields.length > 0) {
      const record: PiiReadAudit = {
        audit: 'pii.read',
        caller: caller.name,
        subject,
        fields,
        method: request.method,
        // The route pattern, not the URL: an id in a path could be a vendor id the caller typed.
        route: (request.route as { path?: string } | undefined)?.path ?? 'unknown',
      };
      this.logger.info(record, 'personal data read');
    }
    return view;
  }
}
