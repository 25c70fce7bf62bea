export { rawProviderRecord } from './raw-record';
