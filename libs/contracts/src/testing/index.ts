export { rawProviderRecord } from './raw-record';
export { cloneBody, type Fixture, loadFixture, loadFixtures } from './fixtures';
export { TEST_ACCOUNT_REF_KEY, TEST_ACCOUNT_REFS } from './account-refs';
