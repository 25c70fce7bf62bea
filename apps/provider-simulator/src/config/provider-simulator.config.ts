import { z } from 'zod';
import { ConfigError, parseConfig, portVariable } from '@ledgerhook/platform';
import { type Faults, faultsSchema } from '../faults/faults.schema';
import {
  mixVariable,
  type TrafficSettings,
  trafficSettingsSchema,
  type TrafficTarget,
} from '../traffic/traffic.settings';

export const PROVIDER_SIMULATOR = 'provider-simulator';

export interface ProviderSimulatorConfig {
  port: number;
  /** The API token the simulated Credfin accepts (the report-retriever's CREDFIN_API_TOKEN_*). */
  credfinToken: { id: string; secret: string };
  /** The API token the simulated CreditChek accepts in header `token` (the scorer's CREDITCHEK_API_TOKEN). */
  creditchekToken: string;
  /** Artificial latency added to every simulated API answer. */
  latencyMs: number;
  /** Faults from boot (SIMULATOR_FAULTS), as `POST /admin/faults` would set them. */
  faults?: Faults;
  /** Provider traffic to the ingress: where (absent without every provider's credentials) and, when set, a run from boot. */
  traffic: { target?: TrafficTarget; atBoot?: TrafficSettings };
}

const firstOf = (csv: string | undefined) => csv?.split(',')[0]?.trim() || undefined;

// JSON text, then the same rules as the admin endpoint's body; a message never quotes the value.
const faultsVariable = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({
        code: 'custom',
        message: 'must be a JSON object such as {"failStatus":503,"failForMs":30000}',
      });
      return z.NEVER;
    }
  })
  .pipe(faultsSchema)
  .optional();

export function loadProviderSimulatorConfig(
  env: Record<string, string | undefined> = process.env,
): ProviderSimulatorConfig {
  const parsed = parseConfig(
    PROVIDER_SIMULATOR,
    {
      PORT: portVariable(3090),
      SIMULATOR_CREDFIN_TOKEN_ID: z.string().min(1).default('simulator-token'),
      SIMULATOR_CREDFIN_TOKEN_SECRET: z.string().min(16).default('simulator-secret-change-me'),
      SIMULATOR_CREDITCHEK_TOKEN: z
        .string()
        .regex(/^[\x21-\x7e]{8,512}$/, 'must be 8 to 512 printable characters, no spaces')
        .default('simulator-creditchek-token'),
      SIMULATOR_LATENCY_MS: z.coerce.number({ error: 'must be a number' }).int().min(0).default(0),
      SIMULATOR_FAULTS: faultsVariable,
      SIMULATOR_TRAFFIC_INGRESS_URL: z.url({ error: 'must be a URL' }).default('http://127.0.0.1:3000'),
      SIMULATOR_TRAFFIC_RATE: z.coerce.number({ error: 'must be a number' }).min(0).max(1_000).default(0),
      SIMULATOR_TRAFFIC_MIX: mixVariable,
      SIMULATOR_TRAFFIC_LIMIT: z.coerce.number({ error: 'must be a number' }).int().positive().optional(),
      SIMULATOR_TRAFFIC_BRIDGE_ATTEMPTS: z.coerce
        .number({ error: 'must be a number' })
        .int()
        .min(1)
        .max(20)
        .default(6),
      SIMULATOR_TRAFFIC_BRIDGE_TIMEOUT_MS: z.coerce
        .number({ error: 'must be a number' })
        .int()
        .min(1)
        .default(10_000),
      // The ingress's own variables (npm start and the e2e suites give every app the same ones).
      CREDFIN_WEBHOOK_USERNAME: z.string().min(1).optional(),
      CREDFIN_WEBHOOK_PASSWORD: z.string().min(1).optional(),
      CREDITCHEK_WEBHOOK_SECRETS: z.string().optional(),
      BRIDGE_WEBHOOK_SECRETS: z.string().optional(),
    },
    env,
  );
  return {
    port: parsed.PORT,
    credfinToken: { id: parsed.SIMULATOR_CREDFIN_TOKEN_ID, secret: parsed.SIMULATOR_CREDFIN_TOKEN_SECRET },
    creditchekToken: parsed.SIMULATOR_CREDITCHEK_TOKEN,
    latencyMs: parsed.SIMULATOR_LATENCY_MS,
    ...(parsed.SIMULATOR_FAULTS ? { faults: parsed.SIMULATOR_FAULTS } : {}),
    traffic: trafficOf(parsed),
  };
}

function trafficOf(parsed: {
  SIMULATOR_TRAFFIC_INGRESS_URL: string;
  SIMULATOR_TRAFFIC_RATE: number;
  SIMULATOR_TRAFFIC_MIX?: TrafficSettings['mix'] | undefined;
  SIMULATOR_TRAFFIC_LIMIT?: number | undefined;
  SIMULATOR_TRAFFIC_BRIDGE_ATTEMPTS: number;
  SIMULATOR_TRAFFIC_BRIDGE_TIMEOUT_MS: number;
  CREDFIN_WEBHOOK_USERNAME?: string | undefined;
  CREDFIN_WEBHOOK_PASSWORD?: string | undefined;
  CREDITCHEK_WEBHOOK_SECRETS?: string | undefined;
  BRIDGE_WEBHOOK_SECRETS?: string | undefined;
}): ProviderSimulatorConfig['traffic'] {
  const username = parsed.CREDFIN_WEBHOOK_USERNAME;
  const password = parsed.CREDFIN_WEBHOOK_PASSWORD;
  const creditchekSecret = firstOf(parsed.CREDITCHEK_WEBHOOK_SECRETS);
  const bridgeSecret = firstOf(parsed.BRIDGE_WEBHOOK_SECRETS);
  const target: TrafficTarget | undefined =
    username && password && creditchekSecret && bridgeSecret
      ? {
          ingressUrl: parsed.SIMULATOR_TRAFFIC_INGRESS_URL.replace(/\/$/, ''),
          credfin: { username, password },
          creditchekSecret,
          bridge: {
            secret: bridgeSecret,
            attempts: parsed.SIMULATOR_TRAFFIC_BRIDGE_ATTEMPTS,
            initialDelayMs: 200,
            timeoutMs: parsed.SIMULATOR_TRAFFIC_BRIDGE_TIMEOUT_MS,
          },
        }
      : undefined;
  if (parsed.SIMULATOR_TRAFFIC_RATE > 0 && !target)
    throw new ConfigError(PROVIDER_SIMULATOR, [
      {
        variable: 'SIMULATOR_TRAFFIC_RATE',
        message:
          'traffic needs CREDFIN_WEBHOOK_USERNAME, CREDFIN_WEBHOOK_PASSWORD, CREDITCHEK_WEBHOOK_SECRETS and BRIDGE_WEBHOOK_SECRETS',
      },
    ]);
  const atBoot =
    parsed.SIMULATOR_TRAFFIC_RATE > 0
      ? trafficSettingsSchema.parse({
          ratePerSecond: parsed.SIMULATOR_TRAFFIC_RATE,
          ...(parsed.SIMULATOR_TRAFFIC_MIX ? { mix: parsed.SIMULATOR_TRAFFIC_MIX } : {}),
          ...(parsed.SIMULATOR_TRAFFIC_LIMIT ? { limit: parsed.SIMULATOR_TRAFFIC_LIMIT } : {}),
        })
      : undefined;
  return { ...(target ? { target } : {}), ...(atBoot ? { atBoot } : {}) };
}
