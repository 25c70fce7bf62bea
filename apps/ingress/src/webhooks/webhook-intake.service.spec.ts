import { readFileSync } from 'node:fs';
import { TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { Request } from 'express';
import { createLogger } from '@ledgerhook/platform';
import { loadIngressConfig } from '../config/ingress.config';
import type { OutgoingRecord } from '../publishing/group-commit.publisher';
import type { EventPublisher } from '../publishing/event-publisher';
import { PublishTimeoutError } from '../publishing/publish-errors';
import { SourceRegistry } from '../sources/source-registry';
import type { WebhookSource } from '../sources/webhook-source';
import { WebhookIntake } from './webhook-intake.service';

// WebhookIntake's decisions with publishing replaced by a recorder: every status it answers, and
// that only a verified, well-formed event is ever handed on (the real broker: webhook-intake.int-spec).
const SECRET = 'creditchek-secret-for-unit-tests';
const insight = readFileSync(
  path.join(__dirname, '../../../../libs/contracts/src/creditchek/fixtures/income_insight.flat.json'),
);
const LIMIT = insight.length + 64;
const env = {
  CREDFIN_WEBHOOK_USERNAME: 'credfin',
  CREDFIN_WEBHOOK_PASSWORD: 'credfin-password-for-unit-tests',
  CREDITCHEK_WEBHOOK_SECRETS: SECRET,
  BRIDGE_WEBHOOK_SECRETS: 'bridge-secret-for-unit-tests',
  ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
  WEBHOOK_MAX_BODY_BYTES: String(LIMIT),
  // Never contacted: publishing is the recorder below.
  KAFKA_BROKERS: '127.0.0.1:1',
};
const config = loadIngressConfig(env);
const sources = new SourceRegistry(config);
const creditchek = sources.provider('creditchek') as WebhookSource;
const credfin = sources.provider('credfin') as WebhookSource;

class RecordingPublisher implements EventPublisher {
  readonly records: OutgoingRecord[] = [];
  failWith?: Error;

  async publish(record: OutgoingRecord): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.records.push(record);
  }
}

function request(body: Buffer | string, headers: Record<string, string>, from = '203.0.113.7'): Request {
  const stream = Readable.from([Buffer.from(body)]) as unknown as Request;
  Object.assign(stream, {
    headers: { 'content-type': 'application/json', ...headers },
    socket: { remoteAddress: from },
  });
  return stream;
}

function setUp() {
  const publisher = new RecordingPublisher();
  const intake = new WebhookIntake(config, publisher, createLogger('intake.spec', 'silent'));
  return { publisher, intake };
}

describe('WebhookIntake', () => {
  it('publishes a verified event byte for byte and answers 200 with its id', async () => {
    const { publisher, intake } = setUp();
    const outcome = await intake.receive(creditchek, request(insight, { 'x-auth-signature': SECRET }));
    expect(outcome.status).toBe(200);
    expect(publisher.records).toHaveLength(1);
    const [record] = publisher.records;
    expect(record?.topic).toBe('webhooks.creditchek.v1');
    expect(record?.value.equals(insight)).toBe(true);
    expect(record?.headers['ce_id']).toBe((outcome.body as { id: string }).id);
    expect(record?.headers['ce_source']).toBe('/providers/creditchek');
  });

  it.each([
    ['a wrong secret', { 'x-auth-signature': 'wrong' }, 401],
    ['no secret', {}, 401],
  ])('refuses a request with %s and publishes nothing', async (_what, headers, status) => {
    const { publisher, intake } = setUp();
    const outcome = await intake.receive(creditchek, request(insight, headers as Record<string, string>));
    expect(outcome.status).toBe(status);
    expect(publisher.records).toEqual([]);
  });

  it('refuses a body over the limit (413), broken JSON (400) and an unidentifiable event (400)', async () => {
    const { publisher, intake } = setUp();
    const headers = { 'x-auth-signature': SECRET };
    expect((await intake.receive(creditchek, request('x'.repeat(LIMIT + 1), headers))).status).toBe(413);
    expect((await intake.receive(creditchek, request('{"event":', headers))).status).toBe(400);
    const unidentifiable = await intake.receive(creditchek, request('[1,2]', headers));
    expect(unidentifiable.status).toBe(400);
    expect(unidentifiable.body).toMatchObject({ error: 'invalid_envelope' });
    expect(publisher.records).toEqual([]);
  });

  it('challenges a failed Basic login and never says which part was wrong', async () => {
    const { intake } = setUp();
    const wrong = `Basic ${Buffer.from('credfin:nope').toString('base64')}`;
    const outcome = await intake.receive(credfin, request('{}', { authorization: wrong }));
    expect(outcome.status).toBe(401);
    expect(outcome.challenge).toMatch(/^Basic realm=/);
    expect(outcome.body).toEqual({ error: 'unauthorized', message: 'The request could not be verified.' });
  });

  it('answers 503 with Retry-After when Kafka did not acknowledge, never 200', async () => {
    const { publisher, intake } = setUp();
    publisher.failWith = new PublishTimeoutError(2_000);
    const outcome = await intake.receive(creditchek, request(insight, { 'x-auth-signature': SECRET }));
    expect(outcome.status).toBe(503);
    expect(outcome.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('spends a source’s budget only on deliveries that verify: forged requests cannot starve a real one', async () => {
    const limited = loadIngressConfig({ ...env, WEBHOOK_RATE_LIMITS: 'creditchek=2' });
    const source = new SourceRegistry(limited).provider('creditchek') as WebhookSource;
    const publisher = new RecordingPublisher();
    const intake = new WebhookIntake(limited, publisher, createLogger('intake.spec', 'silent'));
    for (let i = 0; i < 5; i++) {
      const forged = await intake.receive(
        source,
        request(insight, { 'x-auth-signature': 'forged' }, '198.51.100.9'),
      );
      expect(forged.status).toBe(401);
    }
    const genuine = await intake.receive(source, request(insight, { 'x-auth-signature': SECRET }));
    expect(genuine.status).toBe(200);
  });

  it('answers every real webhook 200 while one address sends junk at 10x the budget', async () => {
    const limited = loadIngressConfig({ ...env, WEBHOOK_RATE_LIMITS: 'creditchek=5' });
    const source = new SourceRegistry(limited).provider('creditchek') as WebhookSource;
    const publisher = new RecordingPublisher();
    const intake = new WebhookIntake(limited, publisher, createLogger('intake.spec', 'silent'));
    const junk: number[] = [];
    const real: number[] = [];
    for (let i = 0; i < 50; i++) {
      const forged = request(insight, { 'x-auth-signature': `forged-${i}` }, '198.51.100.9');
      junk.push((await intake.receive(source, forged)).status);
      if (i % 10 === 0)
        real.push((await intake.receive(source, request(insight, { 'x-auth-signature': SECRET }))).status);
    }
    expect(real).toEqual([200, 200, 200, 200, 200]);
    expect(publisher.records).toHaveLength(5);
    // The junk address is cut off cheaply once it has failed a burst's worth.
    expect(junk.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(junk.slice(20).every((status) => status === 429)).toBe(true);
  });

  it('stores a single-shot provider’s verified body whatever its content type or BOM, noting it', async () => {
    const { publisher, intake } = setUp();
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), insight]);
    const answers = [
      await intake.receive(
        creditchek,
        request(insight, { 'x-auth-signature': SECRET, 'content-type': 'text/plain' }),
      ),
      await intake.receive(creditchek, request(insight, { 'x-auth-signature': SECRET, 'content-type': '' })),
      await intake.receive(creditchek, request(withBom, { 'x-auth-signature': SECRET })),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const [plain, none, bom] = publisher.records;
    expect(plain?.headers['ledgerhook_received_content_type']).toBe('text/plain');
    expect(none?.headers['ledgerhook_received_content_type']).toBe('');
    // Stored byte for byte, BOM included (it is what the provider sent), and said so.
    expect(bom?.value.equals(withBom)).toBe(true);
    expect(bom?.headers['ledgerhook_body_bom']).toBe('utf-8');
    expect(bom?.headers['ledgerhook_received_content_type']).toBeUndefined();
  });

  it('still refuses a non-JSON content type from a provider that retries (415, nothing read)', async () => {
    const { publisher, intake } = setUp();
    const basic = `Basic ${Buffer.from('credfin:credfin-password-for-unit-tests').toString('base64')}`;
    const outcome = await intake.receive(
      credfin,
      request('{}', { authorization: basic, 'content-type': 'text/plain' }),
    );
    expect(outcome.status).toBe(415);
    expect(publisher.records).toEqual([]);
  });

  it('bounds the bodies read before their signature is checked, and frees a slot when a read ends', async () => {
    const bounded = loadIngressConfig({ ...env, WEBHOOK_MAX_UNVERIFIED_READS: '2' });
    const bridge = new SourceRegistry(bounded).provider('bridge') as WebhookSource;
    const intake = new WebhookIntake(
      bounded,
      new RecordingPublisher(),
      createLogger('intake.spec', 'silent'),
    );
    const slow = () => {
      const stream = new PassThrough() as unknown as Request & PassThrough;
      Object.assign(stream, {
        headers: { 'content-type': 'application/json', 'bridgeapi-signature': `v1=${'a'.repeat(64)}` },
        socket: { remoteAddress: '203.0.113.8' },
      });
      return stream;
    };
    const first = slow();
    const second = slow();
    const pending = [intake.receive(bridge, first), intake.receive(bridge, second)];
    const third = await intake.receive(bridge, slow());
    expect(third.status).toBe(503);
    expect(third.retryAfterSeconds).toBe(1);
    first.end('{}');
    second.end('{}');
    expect((await Promise.all(pending)).map((outcome) => outcome.status)).toEqual([401, 401]);
    const fourth = slow();
    const answer = intake.receive(bridge, fourth);
    fourth.end('{}');
    expect((await answer).status).toBe(401);
  });

  it('answers 408 to a body not received within WEBHOOK_REQUEST_TIMEOUT_MS, and frees its slot', async () => {
    const hurried = loadIngressConfig({
      ...env,
      WEBHOOK_REQUEST_TIMEOUT_MS: '100',
      WEBHOOK_MAX_UNVERIFIED_READS: '1',
    });
    const bridge = new SourceRegistry(hurried).provider('bridge') as WebhookSource;
    const intake = new WebhookIntake(
      hurried,
      new RecordingPublisher(),
      createLogger('intake.spec', 'silent'),
    );
    const stalled = new PassThrough() as unknown as Request & PassThrough;
    Object.assign(stalled, {
      headers: { 'content-type': 'application/json', 'bridgeapi-signature': `v1=${'a'.repeat(64)}` },
      socket: { remoteAddress: '203.0.113.9' },
    });
    stalled.write('{"type":');
    const outcome = await intake.receive(bridge, stalled);
    expect(outcome.status).toBe(408);
    const next = request('{}', { 'bridgeapi-signature': `v1=${'a'.repeat(64)}` });
    expect((await intake.receive(bridge, next)).status).toBe(401);
  });
});
