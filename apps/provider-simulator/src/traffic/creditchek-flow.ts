import { syntheticInsight } from '../creditchek/creditchek-insights';
import { syntheticPerson } from './synthetic-person';

// CreditChek's two webhooks for one borrower (seed 001): the statement upload, then the income
// insight whose `data` is exactly what the simulated CreditChek API serves for the borrower (so the
// income-scorer's reconciler, fetching it, finds the same insight).

export type CreditChekWebhook = { event: string; data: Record<string, unknown> };

export function creditChekEvents(borrowerId: string, appId: string): CreditChekWebhook[] {
  const insight = syntheticInsight(borrowerId, 'flat', appId);
  const [linked] = insight['linkedFinancialAccounts'] as { accountNumber: string }[];
  const person = syntheticPerson(borrowerId);
  return [
    {
      event: 'pdf_upload',
      data: {
        success: true,
        pageCount: 6,
        accountName: person.fullName,
        accountNumber: linked?.accountNumber,
        accountType: 'savings',
        bankName: 'simbank',
        bankCode: '999',
        pdfUrl: `https://simulator.invalid/statements/${borrowerId}.pdf`,
        bvn: person.bvn,
        borrowerId,
      },
    },
    { event: 'income_insight', data: insight },
  ];
}
