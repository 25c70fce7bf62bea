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
