import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { HTTP_PARSER_STATUSES, WEBHOOK_STATUSES } from './webhook-outcome';

const document = path.resolve(__dirname, '../../openapi.yaml');

describe('apps/ingress/openapi.yaml', () => {
  it('is a valid OpenAPI document', async () => {
    await expect(SwaggerParser.validate(document)).resolves.toBeDefined();
  });

  it('documents exactly the statuses the webhook routes (and Node before them) answer, on every route', async () => {
    const api = (await SwaggerParser.dereference(document)) as {
      paths: Record<string, { post?: { responses: Record<string, unknown> } }>;
    };
    const routes = [
      '/webhooks/credfin',
      '/webhooks/creditchek',
      '/webhooks/bridge',
      '/webhooks/sources/{source}',
    ];
    for (const route of routes) {
      const documented = Object.keys(api.paths[route]?.post?.responses ?? {}).map(Number);
      expect({ route, statuses: documented.sort() }).toEqual({
        route,
        statuses: [...WEBHOOK_STATUSES, ...HTTP_PARSER_STATUSES].sort(),
      });
    }
  });
});
