/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, shared with the .mjs scripts */
const {
  chooseTestInfrastructure,
  dockerEngineVisible,
  DEFAULT_IMAGES,
} = require('./test-infrastructure.cjs');
/* eslint-enable @typescript-eslint/no-require-imports */

describe('the infrastructure npm test runs against', () => {
  it('is the local broker and PostgreSQL unless TEST_INFRA=containers asks otherwise', () => {
    expect(chooseTestInfrastructure({}, true)).toEqual({ kind: 'local' });
    expect(chooseTestInfrastructure({ TEST_INFRA: 'local', KAFKA_BROKERS: 'k:9092' }, false)).toEqual({
      kind: 'local',
    });
  });

  it('is Testcontainers when asked, with a Docker engine and no server named', () => {
    expect(chooseTestInfrastructure({ TEST_INFRA: 'containers' }, true)).toEqual({
      kind: 'containers',
      images: DEFAULT_IMAGES,
    });
    expect(
      chooseTestInfrastructure(
        {
          TEST_INFRA: 'containers',
          TEST_KAFKA_IMAGE: 'apache/kafka:3.9.1',
          TEST_POSTGRES_IMAGE: 'postgres:16',
        },
        true,
      ),
    ).toEqual({ kind: 'containers', images: { kafka: 'apache/kafka:3.9.1', postgres: 'postgres:16' } });
  });

  it('refuses what cannot work, naming the variable to change', () => {
    expect(chooseTestInfrastructure({ TEST_INFRA: 'containers' }, false)).toEqual({
      kind: 'error',
      message: expect.stringMatching(/needs a Docker engine.*unset TEST_INFRA/),
    });
    expect(
      chooseTestInfrastructure({ TEST_INFRA: 'containers', DATABASE_URL: 'postgres://x' }, true),
    ).toEqual({
      kind: 'error',
      message: expect.stringMatching(/DATABASE_URL names a server: unset DATABASE_URL or TEST_INFRA/),
    });
    expect(chooseTestInfrastructure({ TEST_INFRA: 'docker' }, true)).toEqual({
      kind: 'error',
      message: 'TEST_INFRA must be "local" or "containers", not "docker"',
    });
  });

  it('sees a Docker engine through DOCKER_HOST or the default socket', () => {
    expect(dockerEngineVisible({ DOCKER_HOST: 'tcp://127.0.0.1:2375' }, () => false)).toBe(true);
    expect(dockerEngineVisible({}, (file: string) => file === '/var/run/docker.sock')).toBe(true);
    expect(dockerEngineVisible({}, () => false)).toBe(false);
  });
});
