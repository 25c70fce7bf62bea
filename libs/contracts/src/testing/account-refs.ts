import { AccountRefs } from '../shared/account-ref';

/** The ACCOUNT_REF_KEY of tests (32 bytes of 0x11), as the variable and as AccountRefs. */
export const TEST_ACCOUNT_REF_KEY = Buffer.alloc(32, 0x11).toString('base64');
export const TEST_ACCOUNT_REFS = new AccountRefs(Buffer.from(TEST_ACCOUNT_REF_KEY, 'base64'));
