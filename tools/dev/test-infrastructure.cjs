// Which Kafka and PostgreSQL `npm test` runs against (CommonJS, so both the .mjs scripts and Jest
// load it):
// - `local` (default): KAFKA_BROKERS if set, else the local broker from the official jars
//   (tools/kafka), and DATABASE_URL or PostgreSQL on 127.0.0.1:5432;
// - `containers` (TEST_INFRA=containers): a Kafka and a PostgreSQL container per run through
//   Testcontainers, on a machine with a Docker engine, when neither KAFKA_BROKERS nor DATABASE_URL
//   names a server (they would contradict each other).
const { existsSync } = require('node:fs');

const DEFAULT_IMAGES = { kafka: 'confluentinc/cp-kafka:7.9.0', postgres: 'postgres:17-alpine' };

/** A Docker engine is reachable through DOCKER_HOST or the default socket. */
function dockerEngineVisible(env, fileExists = existsSync) {
  return Boolean(env.DOCKER_HOST) || fileExists('/var/run/docker.sock');
}

/**
 * `{ kind: 'local' }`, `{ kind: 'containers', images }`, or `{ kind: 'error', message }` naming the
 * variable to change.
 */
function chooseTestInfrastructure(env, dockerAvailable) {
  const mode = (env.TEST_INFRA ?? 'local').trim();
  if (mode === 'local' || mode === '') return { kind: 'local' };
  if (mode !== 'containers')
    return {
      kind: 'error',
      message: `TEST_INFRA must be "local" or "containers", not "${mode.slice(0, 40)}"`,
    };
  const named = ['KAFKA_BROKERS', 'DATABASE_URL'].filter((name) => env[name]);
  if (named.length > 0)
    return {
      kind: 'error',
      message: `TEST_INFRA=containers starts its own Kafka and PostgreSQL, but ${named.join(' and ')} ${named.length > 1 ? 'name servers' : 'names a server'}: unset ${named.join(' and ')} or TEST_INFRA`,
    };
  if (!dockerAvailable)
    return {
      kind: 'error',
      message:
        'TEST_INFRA=containers needs a Docker engine (DOCKER_HOST or /var/run/docker.sock); without one, unset TEST_INFRA to use the local broker',
    };
  return {
    kind: 'containers',
    images: {
      kafka: env.TEST_KAFKA_IMAGE || DEFAULT_IMAGES.kafka,
      postgres: env.TEST_POSTGRES_IMAGE || DEFAULT_IMAGES.postgres,
    },
  };
}

module.exports = { chooseTestInfrastructure, dockerEngineVisible, DEFAULT_IMAGES };
