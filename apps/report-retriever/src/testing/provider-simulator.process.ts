import { startAppProcess } from '@ledgerhook/platform/testing';

// Test-only: the provider simulator as its own process (an app is never imported by another app).

export interface SimulatorProcess {
  url: string;
  faults(faults: Record<string, unknown> | undefined): Promise<void>;
  hits(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export async function startProviderSimulator(token: {
  id: string;
  secret: string;
}): Promise<SimulatorProcess> {
  const { url, stop } = await startAppProcess('provider-simulator', {
    SIMULATOR_CREDFIN_TOKEN_ID: token.id,
    SIMULATOR_CREDFIN_TOKEN_SECRET: token.secret,
  });
  return {
    url,
    async faults(faults) {
      await fetch(`${url}/admin/faults`, {
        method: faults ? 'POST' : 'DELETE',
        headers: { 'content-type': 'application/json' },
        ...(faults ? { body: JSON.stringify(faults) } : {}),
      });
    },
    async hits() {
      return (await (await fetch(`${url}/admin/hits`)).json()) as Record<string, number>;
    },
    stop,
  };
}
