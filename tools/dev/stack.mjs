// The set-up shared by `npm start` and `npm test`: dependencies, a Kafka broker, PostgreSQL.
// Uses Node built-ins only until the dependencies are installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureKafka, stopKafka } from '../kafka/kafka.mjs';
import testInfrastructure from './test-infrastructure.cjs';

const { chooseTestInfrastructure, dockerEngineVisible } = testInfrastructure;

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ledgerhook';

export const log = (message) => process.stderr.write(`[stack] ${message}\n`);

export function runOrFail(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
  }
}

/**
 * Installs node_modules when missing or older than package-lock.json. npm itself writes
 * node_modules/.package-lock.json on every install, so its age tells whether the tree is current.
 */
export function ensureDependencies() {
  const lock = path.join(repoRoot, 'package-lock.json');
  const installed = path.join(repoRoot, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing dependencies (npm install)…');
  // Not `npm ci`: a registry that serves only this platform's optional binaries (@swc/core-*, …)
  // yields a lock file without the others, which `npm ci` refuses as out of sync.
  runOrFail('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
}

/**
 * Brings up what the platform needs and returns the environment that points at it, plus a stop()
 * that stops only what this call started.
 */
export async function bringUpInfrastructure({ allowContainers = false } = {}) {
  ensureDependencies();
  if (allowContainers) {
    const choice = chooseTestInfrastructure(process.env, dockerEngineVisible(process.env));
    if (choice.kind === 'error') throw new Error(choice.message);
    if (choice.kind === 'containers') return bringUpContainers(choice.images);
  }
  const kafka = await ensureKafka();
  const env = {
    KAFKA_BROKERS: kafka.brokers,
    DATABASE_URL: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  };
  // Creates the database and every catalogue topic (TypeScript, so it runs after the install).
  runOrFail(process.execPath, ['tools/dev/run-ts.mjs', 'tools/dev/provision.ts'], {
    env: { ...process.env, ...env },
  });
  return {
    env,
    stop: async () => {
      if (kafka.startedHere) await stopKafka();
    },
  };
}

/**
 * TEST_INFRA=containers: Kafka (KRaft) and PostgreSQL in containers through Testcontainers, stopped
 * with the run (its reaper removes them if the run dies). Imported here only: installed by now.
 */
async function bringUpContainers(images) {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  log(`starting ${images.kafka} and ${images.postgres} (TEST_INFRA=containers)…`);
  const [kafka, postgres] = await Promise.all([
    new KafkaContainer(images.kafka)
      .withKraft()
      .withExposedPorts(9093)
      .withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' })
      .start(),
    new PostgreSqlContainer(images.postgres).start(),
  ]);
  const env = {
    KAFKA_BROKERS: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    DATABASE_URL: postgres.getConnectionUri(),
  };
  runOrFail(process.execPath, ['tools/dev/run-ts.mjs', 'tools/dev/provision.ts'], {
    env: { ...process.env, ...env },
  });
  return {
    env,
    stop: async () => {
      await Promise.all([kafka.stop(), postgres.stop()]);
    },
  };
}
