import type { z } from 'zod';
import type { Provider } from '../provider';

/** What the docs generator needs to know about one provider event. */
export interface EventContract {
  provider: Provider;
  eventName: string;
  summary: string;
  /** zod schema of the whole webhook body (the Kafka record value). */
  schema: z.ZodType;
  /** Human description of the partition key. */
  key: string;
  /** Human description of ce_subject. */
  subject: string;
}

/** A provider event whose type this version of the contracts does not know: kept, never rejected. */
export interface UnknownProviderEvent<P extends Provider = Provider> {
  provider: P;
  known: false;
  eventName: string;
  body: unknown;
}
