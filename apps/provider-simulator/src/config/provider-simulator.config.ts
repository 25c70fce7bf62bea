import { z } from 'zod';
import { parseConfig, portVariable } from '@ledgerhook/platform';
import { type Faults, faultsSchema } from '../faults/faults.schema';

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
}

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
    },
    env,
  );
  return {
    port: parsed.PORT,
    credfinToken: { id: parsed.SIMULATOR_CREDFIN_TOKEN_ID, secret: parsed.SIMULATOR_CREDFIN_TOKEN_SECRET },
    creditchekToken: parsed.SIMULATOR_CREDITCHEK_TOKEN,
    latencyMs: parsed.SIMULATOR_LATENCY_MS,
    ...(parsed.SIMULATOR_FAULTS ? { faults: parsed.SIMULATOR_FAULTS } : {}),
  };
}
