import { ConfigError } from '@ledgerhook/platform';
import { loadKafkaConfig } from './kafka-config';

describe('loadKafkaConfig', () => {
  it('reads brokers and defaults the client id to the service', () => {
    expect(loadKafkaConfig('ingress', { KAFKA_BROKERS: '10.0.0.1:9092,10.0.0.2:9092' })).toEqual({
      brokers: ['10.0.0.1:9092', '10.0.0.2:9092'],
      clientId: 'ingress',
      ssl: false,
    });
  });

  it('fails at boot naming KAFKA_BROKERS when it is missing or malformed', () => {
    expect(() => loadKafkaConfig('ingress', {})).toThrow(ConfigError);
    expect(() => loadKafkaConfig('ingress', {})).toThrow(/KAFKA_BROKERS/);
    expect(() => loadKafkaConfig('ingress', { KAFKA_BROKERS: 'no-port' })).toThrow(
      /KAFKA_BROKERS: each broker must be host:port/,
    );
  });

  it('requires the SASL credentials once a mechanism is chosen', () => {
    expect(() =>
      loadKafkaConfig('ingress', { KAFKA_BROKERS: 'k:9092', KAFKA_SASL_MECHANISM: 'plain' }),
    ).toThrow(/KAFKA_SASL_USERNAME[\s\S]*KAFKA_SASL_PASSWORD/);
  });
});
