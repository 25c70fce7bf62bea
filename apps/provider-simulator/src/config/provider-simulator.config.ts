import { z } from 'zod';
import { parseConfig, portVariable } from '@ledgerhook/platform';

export const PROVIDER_SIMULATOR = 'provider-simulator';

export interface ProviderSimulatorConfig {
  port: number;
  /** The API token the simulated Credfin accepts (the report-retriever's CREDFIN_API_TOKEN_*). */
  credfinToken: { id: string; secret: string };
  /** Artificial latency added to every Credfin API answer. */
  latencyMs: number;
}

export function loadProviderSimulatorConfig(
  env: Record<string, string | undefined> = process.env,
): ProviderSimulatorConfig {
  const parsed = parseConfig(
    PROVIDER_SIMULATOR,
    {
      PORT: portVariable(3090),
      SIMULATOR_CREDFIN_TOKEN_ID: z.string().min(1).default('simulator-token'),
      SIMULATOR_CREDFIN_TOKEN_SECRET: z.string().min(16).default('simulator-secret-change-me'),
      SIMULATOR_LATENCY_MS: z.coerce.number({ error: 'must be a number' }).int().min(0).default(0),
    },
    env,
  );
  return {
    port: parsed.PORT,
    credfinToken: { id: parsed.SIMULATOR_CREDFIN_TOKEN_ID, secret: parsed.SIMULATOR_CREDFIN_TOKEN_SECRET },
    latencyMs: parsed.SIMULATOR_LATENCY_MS,
  };
}
