import { TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import { ConfigError } from '@ledgerhook/platform';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadIngressConfig } from './ingress.config';

const valid = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  CREDFIN_WEBHOOK_USERNAME: 'u1,u2',
  CREDFIN_WEBHOOK_PASSWORD: 'p1,p2',
  CREDITCHEK_WEBHOOK_SECRETS: 's1',
  BRIDGE_WEBHOOK_SECRETS: 'b1,b2',
  ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
};

function configError(env: Record<string, string>): string {
  try {
    loadIngressConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

// 32 random-looking bytes, as Standard Webhooks providers issue them.
const STRONG_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

describe('loadIngressConfig', () => {
  it('pairs rotated Credfin credentials and applies the documented defaults', () => {
    const config = loadIngressConfig(valid);
    expect(config.port).toBe(3000);
    expect(config.credfin.credentials).toEqual([
      { username: 'u1', password: 'p1' },
      { username: 'u2', password: 'p2' },
    ]);
    expect(config.maxBodyBytes).toBe(10 * 1024 * 1024);
    expect(config.bridge.allowedIps).toEqual([]);
    expect(config.genericSources).toEqual([]);
    expect(config.spool).toEqual({
      sources: ['creditchek'],
      dir: '.cache/ingress-spool',
      maxBytes: 1024 * 1024 * 1024,
    });
  });

  it('spools only configured sources, in a spool that can hold the largest body twice; none turns it off', () => {
    expect(configError({ ...valid, SPOOL_SOURCES: 'creditchek,nosuch' })).toMatch(
      /SPOOL_SOURCES.*entry 2 is not a configured source/,
    );
    expect(configError({ ...valid, SPOOL_MAX_BYTES: String(10 * 1024 * 1024) })).toMatch(
      /SPOOL_MAX_BYTES.*at least twice WEBHOOK_MAX_BODY_BYTES/,
    );
    expect(loadIngressConfig({ ...valid, SPOOL_SOURCES: 'none' }).spool.sources).toEqual([]);
    expect(loadIngressConfig({ ...valid, SPOOL_SOURCES: 'bridge, creditchek' }).spool.sources).toEqual([
      'bridge',
      'creditchek',
    ]);
  });

  it('refuses a malformed address list, naming the variable and the entry, never widening it', () => {
    for (const variable of ['BRIDGE_ALLOWED_IPS', 'TRUSTED_PROXIES']) {
      const message = configError({ ...valid, [variable]: '52.215.247.62, 63.32.31.5/' });
      expect(message).toContain(variable);
      expect(message).toContain('entry 2');
    }
    expect(
      loadIngressConfig({ ...valid, BRIDGE_ALLOWED_IPS: '63.32.31.5, 10.0.0.0/8' }).bridge.allowedIps,
    ).toEqual(['63.32.31.5', '10.0.0.0/8']);
  });

  it('names each missing credential variable', () => {
    const message = configError({ KAFKA_BROKERS: '127.0.0.1:9092' });
    for (const variable of [
      'CREDFIN_WEBHOOK_USERNAME',
      'CREDFIN_WEBHOOK_PASSWORD',
      'CREDITCHEK_WEBHOOK_SECRETS',
      'BRIDGE_WEBHOOK_SECRETS',
    ]) {
      expect(message).toContain(`${variable}:`);
    }
  });

  it('refuses Credfin lists of different lengths, a third Bridge secret, bad numbers and rate limits', () => {
    expect(configError({ ...valid, CREDFIN_WEBHOOK_PASSWORD: 'p1' })).toMatch(
      /CREDFIN_WEBHOOK_PASSWORD: lists 1 passwords for 2 usernames/,
    );
    expect(configError({ ...valid, BRIDGE_WEBHOOK_SECRETS: 'a,b,c' })).toMatch(
      /BRIDGE_WEBHOOK_SECRETS: Bridge keeps at most 2/,
    );
    expect(configError({ ...valid, WEBHOOK_MAX_BODY_BYTES: 'lots' })).toMatch(/WEBHOOK_MAX_BODY_BYTES/);
    expect(configError({ ...valid, SHUTDOWN_DELAY_MS: '20000', SHUTDOWN_GRACE_MS: '20000' })).toMatch(
      /SHUTDOWN_GRACE_MS.*longer than SHUTDOWN_DELAY_MS/,
    );
    // Larger than a raw topic stores: a verified webhook could never be made durable.
    expect(configError({ ...valid, WEBHOOK_MAX_BODY_BYTES: String(20 * 1024 * 1024) })).toMatch(
      /WEBHOOK_MAX_BODY_BYTES.*max\.message\.bytes/,
    );
    expect(configError({ ...valid, WEBHOOK_RATE_LIMITS: 'bridge:10' })).toMatch(
      /WEBHOOK_RATE_LIMITS: "bridge:10"/,
    );
  });

  it('reads generic sources inline or from a file, and fails at boot on an unknown method', () => {
    const source = {
      name: 'acme',
      verification: { method: 'standard-webhooks', secrets: [STRONG_SECRET] },
      partitionKeyPointer: '/data/id',
    };
    expect(
      loadIngressConfig({ ...valid, WEBHOOK_SOURCES: JSON.stringify([source]) }).genericSources[0],
    ).toMatchObject({
      name: 'acme',
      eventTypePointer: '/type',
    });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sources-')), 'sources.json');
    writeFileSync(file, JSON.stringify([source]));
    expect(loadIngressConfig({ ...valid, WEBHOOK_SOURCES: file }).genericSources).toHaveLength(1);

    const unknown = { ...source, verification: { method: 'none' } };
    expect(configError({ ...valid, WEBHOOK_SOURCES: JSON.stringify([unknown]) })).toMatch(
      /WEBHOOK_SOURCES: 0\.verification(\.method)?: method must be one of standard-webhooks, hmac-sha256, basic, header-token/,
    );
    expect(
      configError({ ...valid, WEBHOOK_SOURCES: JSON.stringify([{ ...source, name: 'bridge' }]) }),
    ).toMatch(/is a built-in provider/);
    expect(configError({ ...valid, WEBHOOK_SOURCES: '/nonexistent/sources.json' })).toMatch(
      /WEBHOOK_SOURCES: is neither a JSON array/,
    );
  });

  it('never echoes a secret from a malformed WEBHOOK_SOURCES, naming the variable', () => {
    const leaky = `[{"name":"acme","verification":{"method":"header-token","header":"x-token","secrets":["hunter2-very-secret"]}},oops]`;
    const message = configError({ ...valid, WEBHOOK_SOURCES: leaky });
    expect(message).toContain('WEBHOOK_SOURCES');
    expect(message).toContain('is not valid JSON');
    for (const piece of ['hunter2', 'secret', 'ecret', 'oops']) expect(message).not.toContain(piece);
  });

  it('takes only strict base64 Standard Webhooks secrets of at least 24 bytes', () => {
    const sources = (secret: string) =>
      JSON.stringify([
        {
          name: 'acme',
          verification: { method: 'standard-webhooks', secrets: [STRONG_SECRET, secret] },
          partitionKeyPointer: '/data/id',
        },
      ]);
    for (const weak of [
      'whsec_YWI=',
      `whsec_${Buffer.alloc(23, 1).toString('base64')}`,
      'whsec_not*base64!!',
      `${Buffer.alloc(32, 1).toString('base64')}#`,
    ]) {
      const message = configError({ ...valid, WEBHOOK_SOURCES: sources(weak) });
      expect(message).toMatch(/WEBHOOK_SOURCES: 0\.verification\.secrets\.1: /);
      expect(message).not.toContain(weak);
    }
    expect(
      loadIngressConfig({ ...valid, WEBHOOK_SOURCES: sources(Buffer.alloc(24, 9).toString('base64')) })
        .genericSources,
    ).toHaveLength(1);
  });
});
