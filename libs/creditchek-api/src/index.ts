export { CreditChekApiClient } from './client/creditchek-api.client';
export { CreditChekRejectedError, CreditChekUnavailableError } from './client/creditchek-api.errors';
export { buildInsightRequest, type InsightRequest } from './client/insight-request';
export { type CreditChekApiConfig, loadCreditChekApiConfig } from './config/creditchek-api.config';
