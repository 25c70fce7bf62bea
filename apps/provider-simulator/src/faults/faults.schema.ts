import { z } from 'zod';

/**
 * What the simulated providers do wrong: the body of `POST /admin/faults` and the JSON of
 * `SIMULATOR_FAULTS` (faults from boot). Strict, so a misspelt field is refused rather than ignored.
 */
export const faultsSchema = z
  .object({
    /**
     * Whose API misbehaves: `credfin` or `creditchek`; absent, both. A scoped fault neither fails nor
     * counts down on the other provider's requests, so a test of one is not disturbed by the other.
     */
    provider: z.enum(['credfin', 'creditchek']).optional(),
    /** Added to every simulated provider answer. */
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    /** Answer this status instead of the content (default 503)… */
    failStatus: z.number().int().min(400).max(599).optional(),
    /** …for this many requests… */
    failCount: z.number().int().min(0).optional(),
    /** …or for this long from now. */
    failForMs: z.number().int().min(0).optional(),
    /** Seconds in a Retry-After header on the failures. */
    retryAfterSeconds: z.number().int().min(0).optional(),
    /** While failing: close the connection without answering. */
    resetConnections: z.boolean().optional(),
    /** While failing: send the headers and half the body, then close the connection. */
    truncateBodies: z.boolean().optional(),
  })
  .strict();

export type Faults = z.infer<typeof faultsSchema>;
