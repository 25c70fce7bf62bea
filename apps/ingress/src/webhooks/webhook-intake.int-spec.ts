import { randomBytes } from 'node:crypto';
import { TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import { identifyProviderEvent, parseCloudEventHeaders, type Provider } from '@ledgerhook/contracts';
import { countSince, endOffsets, readBetween, type EndOffsets } from '@ledgerhook/kafka/testing';
import { metricsUrlOf } from '@ledgerhook/platform/testing';
import type { Admin } from 'kafkajs';
import {
  basicAuth,
  bridgeSignature,
  type IngressUnderTest,
  post,
  providerHeaders,
  startIngress,
} from '../testing/ingress-harness';

// The ingress against the real broker: what a provider sends is what lands on the topic, byte for
// byte, and nothing that fails a check ever does.

const FIXTURES = path.resolve(__dirname, '../../../../libs/contracts/src');
const RAW_TOPIC: Record<Provider, string> = {
  credfin: 'webhooks.credfin.v1',
  creditchek: 'webhooks.creditchek.v1',
  bridge: 'webhooks.bridge.v1',
};
const MAX_BODY = 64 * 1024;
const suffix = randomBytes(3).toString('hex');
const acme = `acme-${suffix}`;
const limited = `limited-${suffix}`;
const acmeKey = randomBytes(32);
const acmeSecret = `whsec_${acmeKey.toString('base64')}`;

function fixtures(provider: Provider): { name: string; body: Buffer }[] {
  const dir = path.join(FIXTURES, provider, 'fixtures');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({ name: file, body: readFileSync(path.join(dir, file)) }));
}

function standardWebhookHeaders(id: string, body: Buffer, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = createHmac('sha256', acmeKey).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signature}`,
  };
}

describe('webhook intake (real Kafka)', () => {
  let ingress: IngressUnderTest;
  let admin: Admin;

  beforeAll(async () => {
    ingress = await startIngress({
      WEBHOOK_MAX_BODY_BYTES: String(MAX_BODY),
      BRIDGE_ALLOWED_IPS: '63.32.31.5,52.215.247.62,34.249.92.209',
      TRUSTED_PROXIES: '127.0.0.1',
      WEBHOOK_SOURCES: JSON.stringify([
        {
          name: acme,
          verification: { method: 'standard-webhooks', secrets: [acmeSecret] },
          eventTypePointer: '/type',
          partitionKeyPointer: '/data/customer_id',
        },
        {
          name: limited,
          verification: { method: 'header-token', header: 'x-token', secrets: ['t0ken'] },
          partitionKeyPointer: '/id',
          rateLimitPerSecond: 1,
        },
      ]),
    });
    admin = ingress.kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
    await ingress?.close();
  });

  const bridgeHeaders = (body: Buffer) => ({
    ...providerHeaders('bridge', body),
    'x-forwarded-for': '63.32.31.5',
  });
  const headersFor = (provider: Provider, body: Buffer) =>
    provider === 'bridge' ? bridgeHeaders(body) : providerHeaders(provider, body);

  async function expectUnchanged(topic: string, before: EndOffsets): Promise<void> {
    expect(countSince(before, await endOffsets(admin, topic))).toBe(0);
  }

  describe.each(['credfin', 'creditchek', 'bridge'] as const)('%s seed examples', (provider) => {
    it('are each answered 200 and published with their key, CloudEvents headers and exact bytes', async () => {
      const topic = RAW_TOPIC[provider];
      const before = await endOffsets(admin, topic);
      const sent = fixtures(provider);
      const answers = await Promise.all(
        sent.map(({ body }) => post(`${ingress.url}/webhooks/${provider}`, body, headersFor(provider, body))),
      );
      for (const [i, answer] of answers.entries()) {
        expect({ fixture: sent[i]?.name, status: answer.status }).toEqual({
          fixture: sent[i]?.name,
          status: 200,
        });
        expect(Object.keys(answer.body)).toEqual(['id']);
      }
      const after = await endOffsets(admin, topic);
      const records = await readBetween(ingress.kafka, topic, before, after);
      expect(records).toHaveLength(sent.length);
      const byId = new Map(records.map((record) => [parseCloudEventHeaders(record.headers).id, record]));
      for (const [i, { name, body }] of sent.entries()) {
        const record = byId.get(answers[i]?.body['id'] as string);
        expect({ name, found: record !== undefined }).toEqual({ name, found: true });
        const identity = identifyProviderEvent(
          provider,
          JSON.parse(body.toString()),
          body,
          TEST_ACCOUNT_REFS,
        );
        if ('error' in identity) throw new Error(`${name}: ${identity.error}`);
        expect(record?.value?.equals(body)).toBe(true);
        expect(record?.key?.toString()).toBe(identity.partitionKey);
        const headers = parseCloudEventHeaders(record?.headers);
        expect(headers).toMatchObject({
          specversion: '1.0',
          source: `/providers/${provider}`,
          type: `${provider}.${identity.eventName}`,
          subject: identity.subject,
          dedupkey: identity.dedupKey,
          datacontenttype: 'application/json',
        });
      }
    });
  });

  it('publishes every delivery, duplicates included, with the same dedup key', async () => {
    const [fixture] = fixtures('creditchek');
    const body = fixture?.body as Buffer;
    const before = await endOffsets(admin, RAW_TOPIC.creditchek);
    const first = await post(`${ingress.url}/webhooks/creditchek`, body, providerHeaders('creditchek', body));
    const second = await post(
      `${ingress.url}/webhooks/creditchek`,
      body,
      providerHeaders('creditchek', body),
    );
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body['id']).not.toEqual(second.body['id']);
    const records = await readBetween(
      ingress.kafka,
      RAW_TOPIC.creditchek,
      before,
      await endOffsets(admin, RAW_TOPIC.creditchek),
    );
    const keys = records.map((record) => parseCloudEventHeaders(record.headers).dedupkey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('accepts and publishes a verified event of an unknown type, type kept as sent', async () => {
    const body = Buffer.from(
      JSON.stringify({ type: 'item.teleported', timestamp: 1700000000000, content: { item_id: 77 } }),
    );
    const before = await endOffsets(admin, RAW_TOPIC.bridge);
    const answer = await post(`${ingress.url}/webhooks/bridge`, body, bridgeHeaders(body));
    expect(answer.status).toBe(200);
    const [record] = await readBetween(
      ingress.kafka,
      RAW_TOPIC.bridge,
      before,
      await endOffsets(admin, RAW_TOPIC.bridge),
    );
    expect(parseCloudEventHeaders(record?.headers).type).toBe('bridge.item.teleported');
    expect(record?.key?.toString()).toBe('item:77');
  });

  it('verifies Bridge signatures from the rotated-in and the rotated-out secret', async () => {
    const body = Buffer.from(
      JSON.stringify({
        type: 'item.created',
        timestamp: 1700000000000,
        content: { item_id: 1, user_uuid: 'u' },
      }),
    );
    for (const secret of ['bridge-new-secret', 'bridge-old-secret']) {
      const answer = await post(`${ingress.url}/webhooks/bridge`, body, {
        'content-type': 'application/json',
        'x-forwarded-for': '34.249.92.209',
        'bridgeapi-signature': `v1=${'0'.repeat(64)},${bridgeSignature(secret, body)}`,
      });
      expect(answer.status).toBe(200);
    }
  });

  it('accepts every configured Credfin credential during a rotation', async () => {
    const [fixture] = fixtures('credfin');
    const body = fixture?.body as Buffer;
    for (const [user, password] of [
      ['credfin-old', 'pw-old'],
      ['credfin-new', 'pw-new'],
    ]) {
      const answer = await post(`${ingress.url}/webhooks/credfin`, body, {
        'content-type': 'application/json',
        authorization: basicAuth(user as string, password as string),
      });
      expect(answer.status).toBe(200);
    }
  });

  it('takes a Standard Webhooks source configured only through WEBHOOK_SOURCES', async () => {
    const topic = `webhooks.${acme}.v1`;
    const before = await endOffsets(admin, topic);
    const body = Buffer.from(
      JSON.stringify({ type: 'invoice.paid', data: { customer_id: 'cus_42', amount: 1200 } }),
    );
    const answer = await post(
      `${ingress.url}/webhooks/sources/${acme}`,
      body,
      standardWebhookHeaders('msg_1', body),
    );
    expect(answer.status).toBe(200);
    const [record] = await readBetween(ingress.kafka, topic, before, await endOffsets(admin, topic));
    expect(record?.value?.equals(body)).toBe(true);
    expect(record?.key?.toString()).toBe('cus_42');
    expect(parseCloudEventHeaders(record?.headers)).toMatchObject({
      type: `${acme}.invoice.paid`,
      source: `/providers/${acme}`,
    });

    const stale = await post(
      `${ingress.url}/webhooks/sources/${acme}`,
      body,
      standardWebhookHeaders('msg_1', body, Math.floor(Date.now() / 1000) - 600),
    );
    expect(stale.status).toBe(401);
    await expectUnchanged(topic, await endOffsets(admin, topic));
  });

  describe('bad input: a clear status, and nothing reaches the topic', () => {
    const body = Buffer.from(
      JSON.stringify({ type: 'item.created', timestamp: 1700000000000, content: { item_id: 5 } }),
    );
    const cases: {
      name: string;
      status: number;
      provider: Provider;
      send: () => Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
    }[] = [
      {
        name: 'wrong Basic password',
        status: 401,
        provider: 'credfin',
        send: () =>
          post(`${ingress.url}/webhooks/credfin`, '{"event":"x"}', {
            'content-type': 'application/json',
            authorization: basicAuth('credfin-new', 'pw-old'),
          }),
      },
      {
        name: 'no credentials',
        status: 401,
        provider: 'credfin',
        send: () =>
          post(`${ingress.url}/webhooks/credfin`, '{"event":"x"}', { 'content-type': 'application/json' }),
      },
      {
        name: 'wrong CreditChek secret',
        status: 401,
        provider: 'creditchek',
        send: () =>
          post(`${ingress.url}/webhooks/creditchek`, '{"event":"x"}', {
            'content-type': 'application/json',
            'x-auth-signature': 'cc-secret-3',
          }),
      },
      {
        name: 'Bridge signature of another body',
        status: 401,
        provider: 'bridge',
        send: () => post(`${ingress.url}/webhooks/bridge`, body, { ...bridgeHeaders(Buffer.from('{}')) }),
      },
      {
        name: 'Bridge from an address off the allow-list',
        status: 401,
        provider: 'bridge',
        send: () =>
          post(`${ingress.url}/webhooks/bridge`, body, {
            ...bridgeHeaders(body),
            'x-forwarded-for': '8.8.8.8',
          }),
      },
      {
        name: 'body that is not JSON',
        status: 400,
        provider: 'bridge',
        send: () =>
          post(`${ingress.url}/webhooks/bridge`, 'not json', bridgeHeaders(Buffer.from('not json'))),
      },
      {
        name: 'JSON without the field naming the event',
        status: 400,
        provider: 'creditchek',
        send: () =>
          post(
            `${ingress.url}/webhooks/creditchek`,
            '{"data":{}}',
            providerHeaders('creditchek', Buffer.from('{"data":{}}')),
          ),
      },
      {
        name: 'not a JSON content type',
        status: 415,
        provider: 'bridge',
        send: () =>
          post(`${ingress.url}/webhooks/bridge`, body, {
            ...bridgeHeaders(body),
            'content-type': 'text/plain',
          }),
      },
      {
        name: 'body over the size limit',
        status: 413,
        provider: 'creditchek',
        send: () => {
          const big = Buffer.alloc(MAX_BODY + 1, 32);
          return post(`${ingress.url}/webhooks/creditchek`, big, providerHeaders('creditchek', big));
        },
      },
    ];

    it.each(cases)('$name → $status', async ({ status, provider, send }) => {
      const before = await endOffsets(admin, RAW_TOPIC[provider]);
      const answer = await send();
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({ error: expect.any(String), message: expect.any(String) });
      await expectUnchanged(RAW_TOPIC[provider], before);
    });

    it('challenges Basic auth on Credfin 401s (RFC 7235), and only there', async () => {
      const answers = await Promise.all(
        cases.filter((c) => c.status === 401).map(async (c) => ({ c, answer: await c.send() })),
      );
      for (const { c, answer } of answers) {
        expect([c.name, answer.headers.get('www-authenticate')]).toEqual([
          c.name,
          c.provider === 'credfin' ? 'Basic realm="ledgerhook", charset="UTF-8"' : null,
        ]);
      }
    });

    it('gives every verification failure the same answer, naming nothing', async () => {
      const answers = await Promise.all(cases.filter((c) => c.status === 401).map((c) => c.send()));
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    });

    it('stops reading a chunked body past the limit and answers 413', async () => {
      const before = await endOffsets(admin, RAW_TOPIC.creditchek);
      const { status, bytesSent } = await new Promise<{ status: number; bytesSent: number }>(
        (resolve, reject) => {
          const url = new URL(`${ingress.url}/webhooks/creditchek`);
          const req = httpRequest(
            {
              host: url.hostname,
              port: url.port,
              path: url.pathname,
              method: 'POST',
              headers: providerHeaders('creditchek', Buffer.alloc(0)),
            },
            (res) => {
              res.resume();
              resolve({ status: res.statusCode ?? 0, bytesSent: req.socket?.bytesWritten ?? 0 });
              req.destroy();
            },
          );
          req.on('error', (error) =>
            error.message.includes('EPIPE') || error.message.includes('ECONNRESET')
              ? undefined
              : reject(error),
          );
          const chunk = Buffer.alloc(16 * 1024, 32);
          let written = 0;
          // Keep streaming (far past the limit) until the server answers; it must not wait for the end.
          const pump = () => {
            while (written < 64 * MAX_BODY && req.write(chunk)) written += chunk.length;
            if (written < 64 * MAX_BODY) req.once('drain', pump);
          };
          pump();
        },
      );
      expect(status).toBe(413);
      expect(bytesSent).toBeLessThan(64 * MAX_BODY);
      await expectUnchanged(RAW_TOPIC.creditchek, before);
    });

    it('answers 404 for a path that is not a configured source', async () => {
      for (const route of ['/webhooks/unknown', '/webhooks/sources/nobody', '/webhooks']) {
        const answer = await post(`${ingress.url}${route}`, '{}', { 'content-type': 'application/json' });
        expect({ route, status: answer.status }).toEqual({ route, status: 404 });
      }
    });

    it('answers 429 with Retry-After past a source rate limit', async () => {
      const topic = `webhooks.${limited}.v1`;
      const before = await endOffsets(admin, topic);
      const send = () =>
        post(`${ingress.url}/webhooks/sources/${limited}`, '{"type":"ping","id":"1"}', {
          'content-type': 'application/json',
          'x-token': 't0ken',
        });
      const first = await send();
      const second = await send();
      expect(first.status).toBe(200);
      expect(second.status).toBe(429);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(countSince(before, await endOffsets(admin, topic))).toBe(1);
    });
  });

  it('counts requests by source and status in /metrics', async () => {
    const metrics = await (await fetch(metricsUrlOf(ingress.app))).text();
    expect(metrics).toMatch(
      /ingress_webhook_requests_total\{source="bridge",status="200",service="ingress"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /ingress_webhook_requests_total\{source="bridge",status="401",service="ingress"\} [1-9]/,
    );
    expect(metrics).toMatch(/ingress_kafka_batch_records_count\{service="ingress"\} [1-9]/);
  });
});
