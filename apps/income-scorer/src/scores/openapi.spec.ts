import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ScoresController } from './scores.controller';

const document = path.resolve(__dirname, '../../openapi.yaml');

describe('apps/income-scorer/openapi.yaml', () => {
  it('is a valid OpenAPI document (the published value by reference to its JSON Schema)', async () => {
    await expect(SwaggerParser.validate(document)).resolves.toBeDefined();
  });

  it("documents exactly the read API's routes, and the probes", async () => {
    const api = (await SwaggerParser.parse(document)) as { paths: Record<string, unknown> };
    const prototype = ScoresController.prototype as unknown as Record<string, unknown>;
    const routes = Object.getOwnPropertyNames(ScoresController.prototype)
      .filter((name) => name !== 'constructor')
      .map((name) => Reflect.getMetadata(PATH_METADATA, prototype[name] as object) as string | undefined)
      .filter((route): route is string => route !== undefined)
      .map((route) => `/${route.replace(/:(\w+)/g, '{$1}')}`);
    expect(Object.keys(api.paths).sort()).toEqual([...routes, '/healthz', '/readyz'].sort());
  });
});
