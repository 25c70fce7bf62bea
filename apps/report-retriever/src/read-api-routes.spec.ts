import path from 'node:path';
import { HealthController } from '@ledgerhook/platform';
import { controllerRoutes, documentedRoutes } from '@ledgerhook/platform/testing';
import { ArtifactsController } from './artifacts/artifacts.controller';

// A route added to a controller without being added to openapi.yaml fails here; the int-spec walks
// every route of openapi.yaml for its authentication and scopes.
describe('apps/report-retriever/openapi.yaml', () => {
  it('documents exactly the routes the controllers serve', () => {
    const served = controllerRoutes([ArtifactsController, HealthController]);
    expect(served.length).toBeGreaterThan(3);
    expect(documentedRoutes(path.join(__dirname, '../openapi.yaml')).sort()).toEqual(served.sort());
  });
});
