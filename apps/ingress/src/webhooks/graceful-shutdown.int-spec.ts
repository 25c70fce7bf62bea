import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { parseCloudEventHeaders } from '@ledgerhook/contracts';
import { endOffsets, readBetween } from '@ledgerhook/kafka/testing';
import { fetchServiceEndpoints } from '@ledgerhook/platform/testing';
import { LanedPublisher } from '../publishing/laned.publisher';
import { IntakeDraining } from './intake-draining';
import { post, providerHeaders, startIngress } from '../testing/ingress-harness';

const TOPIC = 'webhooks.bridge.v1';

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

/** A signed Bridge webhook over `agent`'s keep-alive connection: its status and Connection header. */
function postOver(agent: Agent, url: string, n: number): Promise<{ status?: number; connection?: string }> {
  const body = Buffer.from(
    JSON.stringify({ type: 'item.refreshed', timestamp: 1700000200000 + n, content: { item_id: 9700 + n } }),
  );
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/webhooks/bridge`,
      { method: 'POST', agent, headers: providerHeaders('bridge', body) },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('ingress shutdown', () => {
  it('finishes in-flight requests and flushes the producer: every 200 is in Kafka', async () => {
    // A long linger holds every accepted event in the publisher's queue when the shutdown starts.
    const ingress = await startIngress({ PUBLISH_LINGER_MS: '60000' });
    const publisher = ingress.app.get(LanedPublisher);
    const admin = ingress.kafka.admin();
    await admin.connect();
    try {
      const before = await endOffsets(admin, TOPIC);
      const bodies = Array.from({ length: 60 }, (_, i) =>
        Buffer.from(
          JSON.stringify({
            type: 'item.refreshed',
            timestamp: 1700000000000 + i,
            content: { item_id: 9000 + i },
          }),
        ),
      );
      const answers = bodies.map((body) =>
        post(`${ingress.url}/webhooks/bridge`, body, providerHeaders('bridge', body)),
      );
      for (let i = 0; i < 1_000 && publisher.inFlightCount < bodies.length; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(publisher.inFlightCount).toBe(bodies.length);
      expect((await fetchServiceEndpoints(ingress.app)).readyz.status).toBe(200);

      // SIGTERM's path: Nest's shutdown hooks (draining, HTTP close, producer flush).
      await ingress.close();
      const settled = await Promise.all(answers);

      expect(settled.map((answer) => answer.status)).toEqual(bodies.map(() => 200));
      const records = await readBetween(ingress.kafka, TOPIC, before, await endOffsets(admin, TOPIC));
      const published = new Set(records.map((record) => parseCloudEventHeaders(record.headers).id));
      for (const answer of settled) expect(published.has(answer.body['id'] as string)).toBe(true);
    } finally {
      await admin.disconnect();
    }
  });

  it('keeps accepting during SHUTDOWN_DELAY_MS while /readyz says 503, so the load balancer can stop first', async () => {
    const ingress = await startIngress({ SHUTDOWN_DELAY_MS: '3000' });
    const admin = ingress.kafka.admin();
    await admin.connect();
    try {
      const before = await endOffsets(admin, TOPIC);
      const closing = ingress.close();
      // Not ready at once…
      let readyz = 200;
      for (let i = 0; i < 200 && readyz !== 503; i++) {
        readyz = (await fetch(`${ingress.url}/readyz`)).status;
        if (readyz !== 503) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(readyz).toBe(503);
      // …yet every webhook that still arrives meanwhile is stored and answered 200.
      const bodies = Array.from({ length: 20 }, (_, i) =>
        Buffer.from(
          JSON.stringify({
            type: 'item.refreshed',
            timestamp: 1700000100000 + i,
            content: { item_id: 9500 + i },
          }),
        ),
      );
      const answers = await Promise.all(
        bodies.map((body) => post(`${ingress.url}/webhooks/bridge`, body, providerHeaders('bridge', body))),
      );
      expect(answers.map((answer) => answer.status)).toEqual(bodies.map(() => 200));
      await closing;
      const records = await readBetween(ingress.kafka, TOPIC, before, await endOffsets(admin, TOPIC));
      const published = new Set(records.map((record) => parseCloudEventHeaders(record.headers).id));
      for (const answer of answers) expect(published.has(answer.body['id'] as string)).toBe(true);
    } finally {
      await admin.disconnect();
    }
  });

  it('stops accepting, yet answers a request arriving on a keep-alive connection used moments before (Node resets it)', async () => {
    const ingress = await startIngress();
    const port = Number(new URL(ingress.url).port);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await postOver(agent, ingress.url, 1)).toEqual({ status: 200, connection: 'keep-alive' });
      const closing = ingress.close();
      for (let i = 0; i < 500 && !(await refusesConnections(port)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(await refusesConnections(port)).toBe(true);
      // The client reuses its idle connection after the listener closed: answered, and told to close it.
      expect(await postOver(agent, ingress.url, 2)).toEqual({ status: 200, connection: 'close' });
      await closing;
      expect(ingress.app.get(IntakeDraining).openConnections).toBe(0);
    } finally {
      agent.destroy();
    }
  });
});
