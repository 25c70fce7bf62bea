import { maskAccountNumber, maskDeep, type PiiPolicy } from '@ledgerhook/platform';
import type { ApplicationView } from './applications.query';

// Personal data in an application view: the applicant's contact details, each account's number
// (beyond its last 4) and its owners' names, addresses, e-mails and phones. The BSB names a branch,
// not a person, and the acct: reference cannot be reversed without ACCOUNT_REF_KEY: both stay.

const CONTACT = ['fullName', 'email', 'mobile'] as const;
const OWNER = ['owners', 'addresses', 'emails', 'phones'] as const;

export const APPLICATION_PII: PiiPolicy<ApplicationView> = {
  fields(view) {
    const fields = new Set<string>();
    for (const name of CONTACT) if (view.contact[name] !== null) fields.add(`contact.${name}`);
    for (const account of view.accounts) {
      if (account.number !== null) fields.add('accounts.number');
      for (const name of OWNER) {
        if (account.owner && account.owner[name] !== null) fields.add(`accounts.owner.${name}`);
      }
    }
    return [...fields];
  },
  mask(view) {
    return {
      ...view,
      contact: maskDeep(view.contact),
      accounts: view.accounts.map((account) => ({
        ...account,
        number: maskAccountNumber(account.number),
        owner: account.owner && {
          ...account.owner,
          owners: maskDeep(account.owner.owners),
          addresses: maskDeep(account.owner.addresses),
          emails: maskDeep(account.owner.emails),
          phones: maskDeep(account.owner.phones),
        },
      })),
    };
  },
};
