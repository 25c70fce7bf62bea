export { fetchServiceEndpoints, type ServiceEndpointAnswers } from './service-endpoints';
export { startServiceForTest } from './start-service-for-test';
export { type AppProcess, freePort, startAppProcess } from './app-process';
