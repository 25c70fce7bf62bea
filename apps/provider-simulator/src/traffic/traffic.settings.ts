import { z } from 'zod';

// What the traffic generator sends and where. The run settings come from SIMULATOR_TRAFFIC_* at boot
// or from POST /admin/traffic; the target (the ingress and each provider's credentials) only from the
// environment, with the same variables the ingress reads, as `npm start` gives every app.

export const PROVIDERS = ['credfin', 'creditchek', 'bridge'] as const;
export type TrafficProvider = (typeof PROVIDERS)[number];

export const trafficSettingsSchema = z
  .object({
    /** Flows (a Credfin application, a CreditChek borrower or a Bridge item) started per second. */
    ratePerSecond: z.number().positive().max(1_000),
    /** Relative weights of each provider's flows; zero leaves a provider out. */
    mix: z
      .object({
        credfin: z.number().min(0).default(1),
        creditchek: z.number().min(0).default(1),
        bridge: z.number().min(0).default(1),
      })
      .strict()
      .refine((mix) => mix.credfin + mix.creditchek + mix.bridge > 0, 'at least one weight must be positive')
      .default({ credfin: 1, creditchek: 1, bridge: 1 }),
    /** Flows to start in all, then stop; none: until DELETE /admin/traffic. */
    limit: z.number().int().positive().optional(),
    /** Flows in flight at most: past it, starts wait (a slow ingress slows the generator). */
    maxInFlight: z.number().int().positive().max(10_000).default(200),
  })
  .strict();

export type TrafficSettings = z.output<typeof trafficSettingsSchema>;

export interface TrafficTarget {
  ingressUrl: string;
  credfin: { username: string; password: string };
  creditchekSecret: string;
  bridge: { secret: string; attempts: number; initialDelayMs: number; timeoutMs: number };
}

/** `credfin=2,creditchek=1,bridge=0` to a mix. */
export const mixVariable = z
  .string()
  .regex(
    /^\s*(credfin|creditchek|bridge)=\d+(\.\d+)?\s*(,\s*(credfin|creditchek|bridge)=\d+(\.\d+)?\s*)*$/,
    'must look like credfin=1,creditchek=1,bridge=1',
  )
  .transform((text) => {
    const mix = { credfin: 0, creditchek: 0, bridge: 0 };
    for (const part of text.split(',')) {
      const [name, weight] = part.split('=').map((s) => s.trim());
      mix[name as TrafficProvider] = Number(weight);
    }
    return mix;
  })
  .optional();
