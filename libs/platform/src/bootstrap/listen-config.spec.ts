import { ConfigError } from '../config/config-error';
import { loadListenConfig } from './listen-config';

describe('HOST and METRICS_PORT', () => {
  it('binds every address on 9464 by default, and what the variables say otherwise', () => {
    expect(loadListenConfig('svc', {})).toEqual({ host: '0.0.0.0', metricsPort: 9464 });
    expect(loadListenConfig('svc', { HOST: '127.0.0.1', METRICS_PORT: '9500' })).toEqual({
      host: '127.0.0.1',
      metricsPort: 9500,
    });
  });

  it.each([
    [{ HOST: 'not a host!' }, 'HOST'],
    [{ METRICS_PORT: '70000' }, 'METRICS_PORT'],
    [{ METRICS_PORT: '-1' }, 'METRICS_PORT'],
  ])('refuses %j naming the variable', (env, variable) => {
    expect(() => loadListenConfig('svc', env)).toThrow(ConfigError);
    expect(() => loadListenConfig('svc', env)).toThrow(variable);
  });
});
