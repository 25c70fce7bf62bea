import path from 'node:path';
import { HealthController } from '@ledgerhook/platform';
import { controllerRoutes, documentedRoutes } from '@ledgerhook/platform/testing';
import { LIFECYCLE_CONTROLLERS } from './lifecycle-read-api';

// A route added to a controller without being added to openapi.yaml fails here; the int-spec walks
// every route of openapi.yaml for its authentication, scopes and masking.
describe('apps/lifecycle-projector/openapi.yaml', () => {
  it('documents exactly the routes the controllers serve', () => {
    const served = controllerRoutes([...LIFECYCLE_CONTROLLERS, HealthController]);
    expect(served.length).toBeGreaterThan(5);
    expect(documentedRoutes(path.join(__dirname, '../openapi.yaml')).sort()).toEqual(served.sort());
  });
});
