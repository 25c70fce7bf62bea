// The baseline of bench/ingress: a bare express handler doing the same work as the ingress's Bridge
// route minus Kafka — read the raw body, check the content type, verify BridgeApi-Signature
// (HMAC-SHA256, constant time), parse the JSON, answer 200 with an id.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import express from 'express';

const secret = process.env['BRIDGE_WEBHOOK_SECRETS'] ?? '';
const app = express();
app.post('/webhooks/bridge', express.raw({ type: () => true, limit: '10mb' }), (request, response) => {
  if (!/^application\/json/i.test(request.headers['content-type'] ?? '')) {
    response.status(415).json({ error: 'unsupported_media_type' });
    return;
  }
  const body = request.body as Buffer;
  const header = String(request.headers['bridgeapi-signature'] ?? '');
  const expected = createHash('sha256')
    .update(createHmac('sha256', secret).update(body).digest('hex'))
    .digest();
  const given = createHash('sha256').update(header.replace(/^v1=/, '').toLowerCase()).digest();
  if (!timingSafeEqual(expected, given)) {
    response.status(401).json({ error: 'unauthorized' });
    return;
  }
  try {
    JSON.parse(body.toString('utf8'));
  } catch {
    response.status(400).json({ error: 'invalid_json' });
    return;
  }
  response.status(200).json({ id: randomUUID() });
});
app.get('/healthz', (_request, response) => {
  response.json({ status: 'ok' });
});
app.listen(Number(process.env['PORT'] ?? 3901), '127.0.0.1');
