#!/usr/bin/env node
// A real, single-node Apache Kafka (KRaft: broker + controller in one JVM) for development and tests.
// Uses Node built-ins only, so `npm start` can call it before or after `npm install`.
//
//   node tools/kafka/kafka.mjs start   fetch the jars (once), format storage (once), start, wait until ready
//   node tools/kafka/kafka.mjs stop    stop the broker this checkout started
//   node tools/kafka/kafka.mjs status  print whether it answers
//
// When KAFKA_BROKERS is set, that cluster is used as is and nothing is started.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const toolDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(toolDir, '..', '..');
const cacheDir = path.join(repoRoot, '.cache', 'kafka');
const libDir = path.join(cacheDir, 'lib');

const HOST = '127.0.0.1';
const PORT = Number(process.env.LOCAL_KAFKA_PORT ?? 9092);
const CONTROLLER_PORT = PORT + 1;
export const LOCAL_BROKERS = `${HOST}:${PORT}`;

// One instance per port (a test may run a second broker it can stop); the jars are shared.
const instanceDir = path.join(cacheDir, 'instances', String(PORT));
const dataDir = path.join(instanceDir, 'data');
const logsDir = path.join(instanceDir, 'logs');
const pidFile = path.join(instanceDir, 'kafka.pid');
const propertiesFile = path.join(instanceDir, 'server.properties');
const clusterIdFile = path.join(instanceDir, 'cluster-id');

const log = (message) => process.stderr.write(`[kafka] ${message}\n`);

function pomHash() {
  return createHash('sha256')
    .update(readFileSync(path.join(toolDir, 'pom.xml')))
    .digest('hex')
    .slice(0, 16);
}

/** Downloads the pinned jars once; a marker named after the pom's hash makes a pom change refetch. */
export function fetchJars() {
  const marker = path.join(libDir, `.complete-${pomHash()}`);
  if (existsSync(marker)) return;
  if (spawnSync('mvn', ['-v'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(
      'Apache Maven (mvn) is needed to fetch the Kafka jars from Maven Central. Install it ' +
        '(apt-get install maven) or set KAFKA_BROKERS to use an existing cluster.',
    );
  }
  log('fetching Apache Kafka jars from Maven Central (first run only)…');
  rmSync(libDir, { recursive: true, force: true });
  mkdirSync(libDir, { recursive: true });
  const result = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-Dstyle.color=never',
      '-f',
      path.join(toolDir, 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${libDir}`,
      '-DincludeScope=runtime',
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(
      `mvn dependency:copy-dependencies failed (exit ${result.status}):\n${result.stdout}${result.stderr}`,
    );
  }
  writeFileSync(marker, new Date().toISOString());
}

function writeServerProperties() {
  mkdirSync(logsDir, { recursive: true });
  const properties = [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${HOST}:${CONTROLLER_PORT}`,
    `listeners=PLAINTEXT://${HOST}:${PORT},CONTROLLER://${HOST}:${CONTROLLER_PORT}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${PORT}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${dataDir}`,
    // Topics are created by the project from its catalogue, never implicitly.
    'auto.create.topics.enable=false',
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=4',
    'min.insync.replicas=1',
    'group.initial.rebalance.delay.ms=0',
    'log.retention.check.interval.ms=300000',
  ];
  writeFileSync(propertiesFile, `${properties.join('\n')}\n`);
}

function javaArgs(mainClass, args) {
  return [
    '-Xms256m',
    '-Xmx768m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dkafka.logs.dir=${logsDir}`,
    `-Dlog4j.configuration=file:${path.join(toolDir, 'log4j.properties')}`,
    '-cp',
    `${libDir}/*`,
    mainClass,
    ...args,
  ];
}

/** Formats the KRaft storage once; `--ignore-formatted` makes a second run a no-op. */
function formatStorage() {
  if (!existsSync(clusterIdFile)) {
    // 16 random bytes, base64url; never a leading '-', which kafka-storage would read as an option.
    writeFileSync(clusterIdFile, randomBytes(16).toString('base64url').replace(/^-/, 'A'));
  }
  const clusterId = readFileSync(clusterIdFile, 'utf8').trim();
  const result = spawnSync(
    'java',
    javaArgs('kafka.tools.StorageTool', [
      'format',
      '-t',
      clusterId,
      '-c',
      propertiesFile,
      '--ignore-formatted',
    ]),
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`Formatting Kafka storage in ${dataDir} failed:\n${result.stdout}${result.stderr}`);
  }
}

function readPid() {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && isAlive(pid) ? pid : undefined;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Encodes a Metadata v0 request for all topics (Kafka wire protocol). */
function metadataRequest(correlationId) {
  const clientId = Buffer.from('ledgerhook-probe');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4);
  let offset = 0;
  offset = body.writeInt16BE(3, offset); // api_key: Metadata
  offset = body.writeInt16BE(0, offset); // api_version
  offset = body.writeInt32BE(correlationId, offset);
  offset = body.writeInt16BE(clientId.length, offset);
  offset += clientId.copy(body, offset);
  body.writeInt32BE(0, offset); // empty topic array = all topics in v0
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

/** True when a broker at host:port answers a Metadata request listing at least one broker. */
export function probeMetadata(host = HOST, port = PORT, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const correlationId = Math.floor(Math.random() * 1e9);
    const socket = net.connect({ host, port });
    let received = Buffer.alloc(0);
    const finish = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => socket.write(metadataRequest(correlationId)));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      const size = received.readInt32BE(0);
      if (received.length < 4 + size) return;
      const answeredCorrelation = received.readInt32BE(4);
      const brokerCount = received.readInt32BE(8);
      finish(answeredCorrelation === correlationId && brokerCount > 0);
    });
  });
}

async function waitUntilReady(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pid !== undefined && !isAlive(pid)) {
      throw new Error(`The Kafka broker exited during start-up; see ${path.join(logsDir, 'server.log')}`);
    }
    if (await probeMetadata()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `The Kafka broker did not answer a metadata request within ${timeoutMs} ms; see ${path.join(logsDir, 'server.log')}`,
  );
}

/**
 * Makes a broker available and says how to reach it.
 * `startedHere` is true only when this call started the JVM, so callers stop only what they started.
 */
export async function ensureKafka({ timeoutMs = 120_000 } = {}) {
  if (process.env.KAFKA_BROKERS) {
    log(`KAFKA_BROKERS is set (${process.env.KAFKA_BROKERS}); using that cluster, not starting one`);
    return { brokers: process.env.KAFKA_BROKERS, startedHere: false };
  }
  if (await probeMetadata()) {
    log(`a broker already answers on ${LOCAL_BROKERS}; reusing it`);
    return { brokers: LOCAL_BROKERS, startedHere: false };
  }
  fetchJars();
  writeServerProperties();
  formatStorage();
  const logFd = openSync(path.join(logsDir, 'stdout.log'), 'a');
  const child = spawn('java', javaArgs('kafka.Kafka', [propertiesFile]), {
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  const startedAt = Date.now();
  await waitUntilReady(child.pid, timeoutMs);
  log(`broker ready on ${LOCAL_BROKERS} in ${Date.now() - startedAt} ms (pid ${child.pid})`);
  return { brokers: LOCAL_BROKERS, startedHere: true };
}

/** Stops the broker recorded in the pid file: SIGTERM (clean shutdown), SIGKILL after the grace period. */
export async function stopKafka({ graceMs = 30_000 } = {}) {
  const pid = readPid();
  if (pid === undefined) {
    rmSync(pidFile, { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isAlive(pid)) {
    log(`broker pid ${pid} ignored SIGTERM for ${graceMs} ms; killing it`);
    process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile, { force: true });
  log(`broker pid ${pid} stopped`);
  return true;
}

/** Wipes this instance's topics and offsets (keeps the jars). */
export async function resetKafka() {
  await stopKafka();
  rmSync(instanceDir, { recursive: true, force: true });
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const command = process.argv[2] ?? 'start';
  const commands = {
    start: async () => {
      const { brokers } = await ensureKafka();
      process.stdout.write(`${brokers}\n`);
    },
    stop: async () => {
      if (!(await stopKafka())) log('no broker started by this checkout is running');
    },
    status: async () => {
      const up = await probeMetadata();
      process.stdout.write(up ? `up on ${LOCAL_BROKERS}\n` : 'down\n');
      process.exitCode = up ? 0 : 1;
    },
    reset: resetKafka,
    fetch: async () => fetchJars(),
  };
  const run = commands[command];
  if (!run) {
    log(`unknown command "${command}"; use one of: ${Object.keys(commands).join(', ')}`);
    process.exit(2);
  }
  run().catch((error) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
