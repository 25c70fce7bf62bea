export { fetchServiceEndpoints, type ServiceEndpointAnswers } from './service-endpoints';
export { startServiceForTest } from './start-service-for-test';
export { freePort } from './free-port';
