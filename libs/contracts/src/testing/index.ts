export { rawProviderRecord } from './raw-record';
export { cloneBody, type Fixture, loadFixture, loadFixtures } from './fixtures';
