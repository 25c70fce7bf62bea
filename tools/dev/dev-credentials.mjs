// Webhook credentials, the seed encryption key, the read-API token and the account reference key
// (ACCOUNT_REF_KEY) for a local `npm start`: taken from the environment when set, otherwise generated
// once into the git-ignored .cache/dev-credentials.json, so the local stack boots without set-up and
// keeps the same credentials (and acct: references) across restarts. Never used in production.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './stack.mjs';

const VARIABLES = [
  'CREDFIN_WEBHOOK_USERNAME',
  'CREDFIN_WEBHOOK_PASSWORD',
  'CREDITCHEK_WEBHOOK_SECRETS',
  'BRIDGE_WEBHOOK_SECRETS',
  'SEED_ENCRYPTION_KEYS',
  'CREDFIN_API_TOKEN_ID',
  'CREDFIN_API_TOKEN_SECRET',
  'CREDITCHEK_API_TOKEN',
  'READ_API_TOKENS',
  'ACCOUNT_REF_KEY',
  'CONSOLE_ADMIN_USER',
  'CONSOLE_ADMIN_PASSWORD',
  'CONSOLE_READ_API_TOKEN',
];

export function devCredentials() {
  const file = path.join(repoRoot, '.cache', 'dev-credentials.json');
  let stored = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'));
  const generated = {
    CREDFIN_WEBHOOK_USERNAME: 'credfin-dev',
    CREDFIN_WEBHOOK_PASSWORD: randomBytes(18).toString('base64url'),
    CREDITCHEK_WEBHOOK_SECRETS: randomBytes(24).toString('base64url'),
    BRIDGE_WEBHOOK_SECRETS: randomBytes(24).toString('hex'),
    SEED_ENCRYPTION_KEYS: `dev:${randomBytes(32).toString('base64')}`,
    CREDFIN_API_TOKEN_ID: 'dev-token',
    CREDFIN_API_TOKEN_SECRET: randomBytes(24).toString('base64url'),
    CREDITCHEK_API_TOKEN: randomBytes(24).toString('base64url'),
    READ_API_TOKENS: `dev:${randomBytes(24).toString('base64url')}:read+pii:read`,
    ACCOUNT_REF_KEY: randomBytes(32).toString('base64'),
    CONSOLE_ADMIN_USER: 'admin',
    CONSOLE_ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
    CONSOLE_READ_API_TOKEN: randomBytes(24).toString('base64url'),
  };
  const credentials = {};
  for (const name of VARIABLES) credentials[name] = process.env[name] || stored[name] || generated[name];
  // The console reads the APIs with a token of its own, scope read only (personal fields masked).
  if (!credentials.READ_API_TOKENS.includes(`:${credentials.CONSOLE_READ_API_TOKEN}:`))
    credentials.READ_API_TOKENS += `,console:${credentials.CONSOLE_READ_API_TOKEN}:read`;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // Unless a real Credfin API is named, the provider simulator stands in, accepting the same token.
  if (!process.env.CREDFIN_API_URL) {
    credentials.CREDFIN_API_URL = `http://127.0.0.1:${process.env.PROVIDER_SIMULATOR_PORT ?? 3090}`;
    credentials.SIMULATOR_CREDFIN_TOKEN_ID = credentials.CREDFIN_API_TOKEN_ID;
    credentials.SIMULATOR_CREDFIN_TOKEN_SECRET = credentials.CREDFIN_API_TOKEN_SECRET;
  }
  // The same for CreditChek's API, which the income-scorer's reconciler calls.
  if (!process.env.CREDITCHEK_API_URL) {
    credentials.CREDITCHEK_API_URL = `http://127.0.0.1:${process.env.PROVIDER_SIMULATOR_PORT ?? 3090}`;
    credentials.SIMULATOR_CREDITCHEK_TOKEN = credentials.CREDITCHEK_API_TOKEN;
  }
  // Its artifact downloads use the development token (read+pii:read); its cookie goes over plain http.
  credentials.CONSOLE_PII_API_TOKEN = credentials.READ_API_TOKENS.split(',')[0].split(':')[1];
  credentials.CONSOLE_COOKIE_SECURE = 'false';
  // Where the provider simulator's traffic (npm run demo, POST /admin/traffic) goes.
  credentials.SIMULATOR_TRAFFIC_INGRESS_URL =
    process.env.SIMULATOR_TRAFFIC_INGRESS_URL || `http://127.0.0.1:${process.env.INGRESS_PORT ?? 3000}`;
  return credentials;
}
