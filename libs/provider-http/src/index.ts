export { NETWORK_ERROR, type ProviderHttp, providerHttp, type ProviderHttpOptions } from './provider-http';
