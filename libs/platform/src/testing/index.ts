export { fetchServiceEndpoints, metricsUrlOf, type ServiceEndpointAnswers } from './service-endpoints';
export { startServiceForTest } from './start-service-for-test';
export { type AppProcess, freePort, startAppProcess } from './app-process';
export { controllerRoutes, documentedRoutes, openApiRoutes, type OpenApiRoute } from './openapi-routes';
export { type ReadApiUnderTest, walkReadApi } from './read-api-walker';
export { TEST_READ_API_TOKENS, TEST_READ_API_TOKENS_VARIABLE } from './read-api-tokens';
