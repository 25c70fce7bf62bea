import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import { createKafkaClient } from '@ledgerhook/kafka';
import { createLogger, type Logger } from '@ledgerhook/platform';
import { startServiceForTest } from '@ledgerhook/platform/testing';
import type { Kafka } from 'kafkajs';
import { loadIngressConfig } from '../config/ingress.config';
import { IngressModule } from '../ingress.module';

// Test-only: boots the real ingress on a free port against the broker `npm test` provides, and signs
// requests the way each provider does.

export const TEST_CREDENTIALS = {
  CREDFIN_WEBHOOK_USERNAME: 'credfin-old,credfin-new',
  CREDFIN_WEBHOOK_PASSWORD: 'pw-old,pw-new',
  CREDITCHEK_WEBHOOK_SECRETS: 'cc-secret-1,cc-secret-2',
  BRIDGE_WEBHOOK_SECRETS: 'bridge-new-secret,bridge-old-secret',
  ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
};

export interface IngressUnderTest {
  app: INestApplication;
  url: string;
  kafka: Kafka;
  close(): Promise<void>;
}

export async function startIngress(
  env: Record<string, string> = {},
  logger: Logger = createLogger('ingress', 'silent'),
): Promise<IngressUnderTest> {
  // A spool directory of its own unless the test brings one (test files run side by side).
  const ownSpool = env['SPOOL_DIR'] ? undefined : mkdtempSync(path.join(tmpdir(), 'ingress-spool-'));
  // No shutdown delay unless a test asks for one: nothing balances load in front of a test.
  const config = loadIngressConfig({
    ...process.env,
    ...TEST_CREDENTIALS,
    SHUTDOWN_DELAY_MS: '0',
    ...(ownSpool ? { SPOOL_DIR: ownSpool } : {}),
    ...env,
  });
  const kafka = createKafkaClient(config.kafka, logger);
  const app = await startServiceForTest({
    service: 'ingress',
    module: IngressModule.forRoot(config, kafka, logger),
    logger,
    bodyParser: false,
    // A backstop for what the intake does not see (slow headers); the intake answers 408 itself first.
    requestTimeoutMs: 2 * config.requestTimeoutMs,
  });
  const url = await app.getUrl();
  return {
    app,
    url,
    kafka,
    close: async () => {
      await app.close();
      if (ownSpool) rmSync(ownSpool, { recursive: true, force: true });
    },
  };
}

export const basicAuth = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

export const bridgeSignature = (secret: string, body: Buffer) =>
  `v1=${createHmac('sha256', secret).update(body).digest('hex').toUpperCase()}`;

/** The headers each provider sends with a body, with valid credentials. */
export function providerHeaders(
  provider: 'credfin' | 'creditchek' | 'bridge',
  body: Buffer,
): Record<string, string> {
  const json = { 'content-type': 'application/json' };
  switch (provider) {
    case 'credfin':
      return { ...json, authorization: basicAuth('credfin-new', 'pw-new') };
    case 'creditchek':
      return { ...json, 'x-auth-signature': 'cc-secret-1' };
    case 'bridge':
      return { ...json, 'bridgeapi-signature': bridgeSignature('bridge-new-secret', body) };
  }
}

export async function post(
  url: string,
  body: Buffer | string,
  headers: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', body, headers });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed, headers: response.headers };
}
