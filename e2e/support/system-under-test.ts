import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { TOPIC_CATALOGUE } from '@ledgerhook/contracts';
import { databaseUrlFor, dropDatabase, ensureDatabase, loadDatabaseConfig } from '@ledgerhook/database';
import { createKafkaClient, ensureTopics } from '@ledgerhook/kafka';
import { endOffsets, type EndOffsets, LocalKafkaInstance, readBetween } from '@ledgerhook/kafka/testing';
import { createLogger } from '@ledgerhook/platform';
import { freePort } from '@ledgerhook/platform/testing';
import type { Admin, Kafka } from 'kafkajs';
import { AppProcess, ROOT } from './app-process';

// The whole platform for an end-to-end suite: a Kafka broker of its own (so its topics hold only
// what the suite sent, and "from the beginning" means exactly that), a database of its own, and every
// app it names as its own process, built as production runs it.

export type AppName =
  'provider-simulator' | 'ingress' | 'lifecycle-projector' | 'report-retriever' | 'income-scorer' | 'console';

/** Credentials of one run, generated like `npm start`'s development ones (tools/dev/dev-credentials.mjs). */
export function generateCredentials() {
  const credfinToken = { id: 'e2e-token', secret: randomBytes(24).toString('base64url') };
  const readToken = randomBytes(24).toString('base64url');
  const creditchekApiToken = randomBytes(24).toString('base64url');
  // The console's tokens: `read` only for its pages (personal fields masked by the read APIs).
  const consoleReadToken = randomBytes(24).toString('base64url');
  return {
    credfin: { username: 'credfin-e2e', password: randomBytes(18).toString('base64url') },
    readToken,
    consoleAdmin: { username: 'console-admin', password: randomBytes(18).toString('base64url') },
    env: {
      CREDFIN_WEBHOOK_USERNAME: 'credfin-e2e',
      CREDITCHEK_WEBHOOK_SECRETS: randomBytes(24).toString('base64url'),
      BRIDGE_WEBHOOK_SECRETS: randomBytes(24).toString('hex'),
      SEED_ENCRYPTION_KEYS: `e2e:${randomBytes(32).toString('base64')}`,
      CREDFIN_API_TOKEN_ID: credfinToken.id,
      CREDFIN_API_TOKEN_SECRET: credfinToken.secret,
      SIMULATOR_CREDFIN_TOKEN_ID: credfinToken.id,
      SIMULATOR_CREDFIN_TOKEN_SECRET: credfinToken.secret,
      CREDITCHEK_API_TOKEN: creditchekApiToken,
      SIMULATOR_CREDITCHEK_TOKEN: creditchekApiToken,
      READ_API_TOKENS: `e2e:${readToken}:read+pii:read,console:${consoleReadToken}:read`,
      CONSOLE_READ_API_TOKEN: consoleReadToken,
      CONSOLE_PII_API_TOKEN: readToken,
      CONSOLE_COOKIE_SECURE: 'false',
      ACCOUNT_REF_KEY: randomBytes(32).toString('base64'),
    },
  };
}

export class SystemUnderTest {
  private constructor(
    readonly broker: LocalKafkaInstance,
    readonly kafka: Kafka,
    readonly admin: Admin,
    readonly databaseUrl: string,
    readonly credentials: ReturnType<typeof generateCredentials>,
    private readonly apps: Map<AppName, AppProcess>,
  ) {}

  /**
   * Builds the apps, starts a fresh broker on `kafkaPort` and a fresh database,
   * creates the catalogue's topics and starts `names` in order, each once /healthz answers; `env`
   * goes to every app, `apps` to one.
   */
  static async start(
    names: readonly AppName[],
    options: {
      /** The suite's own broker port (+1 for its controller): suite files run at the same time. */
      kafkaPort: number;
      env?: Record<string, string>;
      apps?: Partial<Record<AppName, Record<string, string>>>;
    },
  ) {
    const build = spawnSync(process.execPath, ['tools/build/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`tools/build/build.mjs failed: ${build.stderr}`);
    const broker = new LocalKafkaInstance(options.kafkaPort);
    broker.reset();
    broker.start();
    const logger = createLogger('e2e', 'silent');
    const kafka = createKafkaClient({ clientId: 'e2e', brokers: [broker.brokers], ssl: false }, logger);
    const admin = kafka.admin();
    let databaseUrl: string;
    try {
      await admin.connect();
      await ensureTopics(admin, TOPIC_CATALOGUE);
      databaseUrl = databaseUrlFor(
        loadDatabaseConfig('e2e').url,
        `ledgerhook_e2e_${randomBytes(3).toString('hex')}`,
      );
      await ensureDatabase(databaseUrl);
    } catch (error) {
      // No system to stop yet: the broker would outlive the suite (e.g. no database reachable).
      await admin.disconnect().catch(() => undefined);
      broker.stop();
      throw error;
    }
    const credentials = generateCredentials();
    const ports = new Map<AppName, number>();
    const metricsPorts = new Map<AppName, number>();
    for (const name of names) {
      ports.set(name, await freePort());
      metricsPorts.set(name, await freePort());
    }
    const simulatorPort = ports.get('provider-simulator');
    const ingressPort = ports.get('ingress');
    const env: Record<string, string> = {
      KAFKA_BROKERS: broker.brokers,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      ...credentials.env,
      CREDFIN_WEBHOOK_PASSWORD: credentials.credfin.password,
      CONSOLE_ADMIN_USER: credentials.consoleAdmin.username,
      CONSOLE_ADMIN_PASSWORD: credentials.consoleAdmin.password,
      // The read APIs the console shows, where this run started them.
      ...Object.fromEntries(
        (
          [
            ['LIFECYCLE_API_URL', 'lifecycle-projector'],
            ['REPORTS_API_URL', 'report-retriever'],
            ['SCORES_API_URL', 'income-scorer'],
          ] as const
        )
          .filter(([, app]) => ports.has(app))
          .map(([variable, app]) => [variable, `http://127.0.0.1:${ports.get(app)}`]),
      ),
      ...(simulatorPort
        ? {
            CREDFIN_API_URL: `http://127.0.0.1:${simulatorPort}`,
            CREDITCHEK_API_URL: `http://127.0.0.1:${simulatorPort}`,
          }
        : {}),
      // Where the simulator's traffic generator sends (it reads the ingress's credentials too).
      ...(ingressPort ? { SIMULATOR_TRAFFIC_INGRESS_URL: `http://127.0.0.1:${ingressPort}` } : {}),
      ...options.env,
    };
    const apps = new Map<AppName, AppProcess>();
    const system = new SystemUnderTest(broker, kafka, admin, databaseUrl, credentials, apps);
    try {
      for (const name of names) {
        const app = new AppProcess(name, ports.get(name) as number, metricsPorts.get(name) as number, {
          ...env,
          // The ingress's spool, of this run only (one ingress per directory).
          ...(name === 'ingress' ? { SPOOL_DIR: mkdtempSync(path.join(tmpdir(), 'e2e-spool-')) } : {}),
          ...options.apps?.[name],
        });
        apps.set(name, app);
        await app.start();
      }
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  app(name: AppName): AppProcess {
    const app = this.apps.get(name);
    if (!app) throw new Error(`${name} is not part of this system`);
    return app;
  }

  url(name: AppName): string {
    return this.app(name).url;
  }

  /** GET on a read API with the run's token. */
  read(name: AppName, path: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.url(name)}${path}`, {
      headers: { authorization: `Bearer ${this.credentials.readToken}`, ...headers },
    });
  }

  /** The records of a topic from `from` (default: its beginning) to its end now. */
  async records(topic: string, from: EndOffsets = new Map()) {
    return readBetween(this.kafka, topic, from, await endOffsets(this.admin, topic));
  }

  /** Stops every app (last started first), the broker and the database. */
  async stop(): Promise<void> {
    for (const app of [...this.apps.values()].reverse()) await app.stop();
    await this.admin.disconnect().catch(() => undefined);
    this.broker.stop();
    await dropDatabase(this.databaseUrl).catch(() => undefined);
  }
}
