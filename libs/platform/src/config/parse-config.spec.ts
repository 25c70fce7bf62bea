import { z } from 'zod';
import { ConfigError } from './config-error';
import { booleanVariable, csvVariable, parseConfig, portVariable } from './parse-config';

describe('parseConfig', () => {
  const shape = {
    PORT: portVariable(3000),
    KAFKA_BROKERS: csvVariable().pipe(z.array(z.string()).min(1, 'must list at least one broker')),
    DEBUG: booleanVariable(false),
  };

  it('applies defaults and parses lists', () => {
    expect(parseConfig('svc', shape, { KAFKA_BROKERS: 'a:9092, b:9092,' })).toEqual({
      PORT: 3000,
      KAFKA_BROKERS: ['a:9092', 'b:9092'],
      DEBUG: false,
    });
  });

  it('names every invalid variable in one error', () => {
    let error: unknown;
    try {
      parseConfig('svc', shape, { PORT: 'abc', DEBUG: 'yes' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('Invalid configuration for svc');
    expect(message).toMatch(/PORT: must be a port number/);
    expect(message).toMatch(/KAFKA_BROKERS:/);
    expect(message).toMatch(/DEBUG: must be true or false/);
  });

  it('treats an empty string as unset', () => {
    expect(parseConfig('svc', shape, { PORT: '', KAFKA_BROKERS: 'k:1' }).PORT).toBe(3000);
  });

  it('rejects a port out of range', () => {
    expect(() => parseConfig('svc', shape, { PORT: '70000', KAFKA_BROKERS: 'k:1' })).toThrow(
      /PORT: must be between 1 and 65535/,
    );
  });
});
