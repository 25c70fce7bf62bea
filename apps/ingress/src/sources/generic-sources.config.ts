import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { PROVIDERS } from '@ledgerhook/contracts';
import { decodeStandardWebhooksSecret } from '../verification/standard-webhooks.verifier';
import { isJsonPointer } from '@ledgerhook/contracts';

const secrets = z.array(z.string().min(1)).min(1, 'needs at least one secret');
const standardWebhooksSecrets = z
  .array(
    z.string().superRefine((secret, context) => {
      try {
        decodeStandardWebhooksSecret(secret);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  )
  .min(1, 'needs at least one secret');
const pointer = z.string().refine(isJsonPointer, 'must be a JSON pointer such as /data/id');

const verificationSchema = z.discriminatedUnion(
  'method',
  [
    z.object({ method: z.literal('standard-webhooks'), secrets: standardWebhooksSecrets }),
    z.object({
      method: z.literal('hmac-sha256'),
      header: z.string().min(1),
      encoding: z.enum(['hex', 'base64']).default('hex'),
      prefix: z.string().optional(),
      secrets,
    }),
    z.object({
      method: z.literal('basic'),
      credentials: z.array(z.object({ username: z.string().min(1), password: z.string().min(1) })).min(1),
    }),
    z.object({ method: z.literal('header-token'), header: z.string().min(1), secrets }),
  ],
  { error: 'method must be one of standard-webhooks, hmac-sha256, basic, header-token' },
);

export const genericSourceSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, 'must be [a-z0-9-]{1,40}: it becomes the topic webhooks.<name>.v1')
      .refine((name) => !(PROVIDERS as readonly string[]).includes(name), 'is a built-in provider'),
    verification: verificationSchema,
    /** Where the event's type is in the body (the field that names the event). */
    eventTypePointer: pointer.default('/type'),
    /** Where the entity id that orders events is in the body: the partition key. */
    partitionKeyPointer: pointer,
    /** Requests per second for this source; defaults to WEBHOOK_RATE_LIMIT_PER_SECOND. */
    rateLimitPerSecond: z.number().positive().optional(),
  })
  .strict();

export type GenericSourceConfig = z.infer<typeof genericSourceSchema>;
export type GenericVerificationConfig = GenericSourceConfig['verification'];

export const genericSourcesSchema = z
  .array(genericSourceSchema)
  .refine(
    (sources) => new Set(sources.map((s) => s.name)).size === sources.length,
    'source names must be unique',
  );

/** WEBHOOK_SOURCES is inline JSON (starts with "[") or the path of a JSON file (e.g. a mounted secret). */
export function readGenericSourcesText(value: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('[')) return trimmed;
  if (!existsSync(trimmed))
    throw new Error('is neither a JSON array nor the path of an existing file (its value is not shown)');
  return readFileSync(trimmed, 'utf8');
}
