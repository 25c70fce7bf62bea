import { ConfigError } from '@ledgerhook/platform';
import { FaultInjector } from '../faults/fault-injector';
import { loadProviderSimulatorConfig } from './provider-simulator.config';

function configError(env: Record<string, string>): string {
  try {
    loadProviderSimulatorConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadProviderSimulatorConfig: SIMULATOR_FAULTS', () => {
  it('starts faulty when told to: the first hits fail as the variable says', () => {
    const config = loadProviderSimulatorConfig({
      SIMULATOR_FAULTS: '{"failStatus":502,"failCount":2,"retryAfterSeconds":3}',
    });
    const faults = FaultInjector.from(config.faults);
    expect([faults.hit('a'), faults.hit('a'), faults.hit('a')]).toEqual([
      { status: 502, retryAfterSeconds: 3, reset: false, truncate: false },
      { status: 502, retryAfterSeconds: 3, reset: false, truncate: false },
      undefined,
    ]);
  });

  it('starts healthy without it', () => {
    const faults = FaultInjector.from(loadProviderSimulatorConfig({}).faults);
    expect(faults.hit('a')).toBeUndefined();
  });

  it.each([
    ['not JSON', '{failStatus: 503', /SIMULATOR_FAULTS.*JSON object/],
    ['a status that is not a failure', '{"failStatus":200}', /SIMULATOR_FAULTS/],
    ['a misspelt field', '{"failstatus":503}', /SIMULATOR_FAULTS/],
  ])('refuses %s at boot, naming the variable without quoting it', (_, value, message) => {
    const text = configError({ SIMULATOR_FAULTS: value });
    expect(text).toMatch(message);
    expect(text).not.toContain(value);
  });
});

describe('loadProviderSimulatorConfig: SIMULATOR_TRAFFIC_*', () => {
  const credentials = {
    CREDFIN_WEBHOOK_USERNAME: 'credfin',
    CREDFIN_WEBHOOK_PASSWORD: 'credfin-password',
    CREDITCHEK_WEBHOOK_SECRETS: 'current-secret, previous-secret',
    BRIDGE_WEBHOOK_SECRETS: 'bridge-secret',
  };

  it('sends nothing by default, and has no target without every credential', () => {
    expect(loadProviderSimulatorConfig({}).traffic).toEqual({});
    expect(loadProviderSimulatorConfig({ ...credentials, BRIDGE_WEBHOOK_SECRETS: '' }).traffic).toEqual({});
  });

  it('starts a run at boot with the rate, mix and limit, signing with the first secret of each list', () => {
    const { traffic } = loadProviderSimulatorConfig({
      ...credentials,
      SIMULATOR_TRAFFIC_RATE: '2.5',
      SIMULATOR_TRAFFIC_MIX: 'credfin=3, bridge=1',
      SIMULATOR_TRAFFIC_LIMIT: '40',
    });
    expect(traffic.atBoot).toEqual({
      ratePerSecond: 2.5,
      mix: { credfin: 3, creditchek: 0, bridge: 1 },
      limit: 40,
      maxInFlight: 200,
    });
    expect(traffic.target).toMatchObject({
      ingressUrl: 'http://127.0.0.1:3000',
      creditchekSecret: 'current-secret',
      bridge: { secret: 'bridge-secret', attempts: 6, timeoutMs: 10_000 },
    });
  });

  it.each([
    [{ SIMULATOR_TRAFFIC_RATE: '1' }, /SIMULATOR_TRAFFIC_RATE: traffic needs CREDFIN_WEBHOOK_USERNAME/],
    [{ ...credentials, SIMULATOR_TRAFFIC_MIX: 'credfin=x' }, /SIMULATOR_TRAFFIC_MIX: must look like/],
    [{ ...credentials, SIMULATOR_TRAFFIC_RATE: '-1' }, /SIMULATOR_TRAFFIC_RATE/],
  ])('refuses %j naming the variable, never quoting a secret', (env, message) => {
    const text = configError(env);
    expect(text).toMatch(message);
    expect(text).not.toContain('credfin-password');
  });
});
