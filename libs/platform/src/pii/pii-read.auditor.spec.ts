import type { Request } from 'express';
import { createLogger } from '../logging/logger';
import { MASKED, maskAccountNumber, maskDeep } from './pii-mask';
import { PiiDisclosure, type PiiPolicy } from './pii-read.auditor';

interface View {
  name: string | null;
  account: string | null;
}
const POLICY: PiiPolicy<View> = {
  fields: (view) => (view.name === null ? [] : ['name']),
  mask: (view) => ({ name: maskDeep(view.name), account: maskAccountNumber(view.account) }),
};
const request = (scopes: string[]) =>
  ({
    method: 'GET',
    route: { path: '/people/:id' },
    readApiCaller: { name: 'risk-team', scopes: new Set(scopes) },
  }) as unknown as Request;

describe('PiiDisclosure', () => {
  const lines: string[] = [];
  // LOG_LEVEL=warn must not drop the audit line.
  const disclosure = new PiiDisclosure(
    createLogger('svc', 'warn', { write: (line: string) => lines.push(line) }),
  );
  const view = { name: 'Ada Lovelace', account: '11-2222 3333' };

  beforeEach(() => (lines.length = 0));

  it('masks without pii:read (last 4 of an account number kept) and audits nothing', () => {
    expect(disclosure.disclose(request(['read']), 'person:1', view, POLICY)).toEqual({
      name: MASKED,
      account: `${MASKED}3333`,
    });
    expect(lines).toEqual([]);
  });

  it('shows the data with pii:read and audits who, what and which fields, never the data', () => {
    expect(disclosure.disclose(request(['read', 'pii:read']), 'person:1', view, POLICY)).toBe(view);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      audit: 'pii.read',
      caller: 'risk-team',
      subject: 'person:1',
      fields: ['name'],
      method: 'GET',
      route: '/people/:id',
    });
    expect(lines[0]).not.toMatch(/Ada|Lovelace|2222|3333/);
  });
});
