import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';

// Deterministic synthetic CreditChek insights (never real people): the same borrower id and form
// always give the same `data`. Shapes follow seed 001: the flat form, the `id` + `record` form and the
// `success: false` form; money is kobo as strings ("81111896.6"), as CreditChek sends it.

export type InsightForm = 'flat' | 'record' | 'failed';

const HOLDERS = ['AVERY QUILL', 'ROWAN HALE', 'SASHA PENROSE', 'JORDAN VALE', 'MORGAN REED'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June'];

/** A number in [0, span) from the borrower id and a salt: stable, spread, never random. */
function pick(borrowerId: string, salt: string, span: number): number {
  return createHash('sha256').update(`${salt}:${borrowerId}`).digest().readUInt32BE(0) % span;
}

const hexId = (borrowerId: string, salt: string) =>
  createHash('sha256').update(`${salt}:${borrowerId}`).digest('hex').slice(0, 24);

function flatInsight(borrowerId: string, appId: string): Record<string, unknown> {
  const salary = 15_000_000 + pick(borrowerId, 'salary', 60) * 1_000_000; // ₦150,000 – ₦740,000
  const debt = Math.floor(salary * (0.05 + pick(borrowerId, 'debt', 30) / 100));
  const balance = salary * (1 + pick(borrowerId, 'balance', 4));
  const gambling = pick(borrowerId, 'gambling', 4) === 0 ? 250_000 : 0;
  const negBalDays = pick(borrowerId, 'negative', 3);
  const months = MONTHS.map((month) => `${month} 2026`);
  const perMonth = (value: number) => Object.fromEntries(months.map((month) => [month, value]));
  const accountNumber = String(2_000_000_000 + pick(borrowerId, 'account', 99_999_999));
  return {
    linkedFinancialAccounts: [
      {
        _id: hexId(borrowerId, 'linked'),
        accountNumber,
        appId,
        borrowerId,
        currency: 'NGN',
        institution: { name: 'simbank', bankCode: '999', type: 'PERSONAL_BANKING' },
        name: HOLDERS[pick(borrowerId, 'holder', HOLDERS.length)],
        source: 'pdf',
        type: 'savings',
        balance: String(balance),
      },
    ],
    avgMonthlyIncome: `${salary}.5`,
    totalmoneyReceive: String(salary * months.length),
    totalmoneySpents: String((salary - debt) * months.length),
    eligibleAmount: String(salary * 2),
    DTI: '',
    DTI_reason: 'Synthetic insight of the provider simulator',
    incomeb4Tax: '',
    recurringDebt: '',
    bonusIncome: '',
    _id: hexId(borrowerId, 'insight'),
    borrowerId,
    appId,
    edti: {
      borrowerId,
      average_monthly_income: `${salary}.5`,
      average_monthly_balance: String(balance),
      average_monthly_recurring_debt_expenses: String(debt),
      number_of_active_months: String(months.length),
      balance: perMonth(balance),
      recurrent_expenses_debt: perMonth(debt),
      recurrent_debt_sum: debt * months.length,
      spendingAnalysis: { gambling: [gambling], loans: [debt * months.length], rent: [0] },
      salary: {
        narration: months.map((month) => `SIMULATED EMPLOYER LTD ${month} salary`),
        amount: months.map(() => salary),
      },
      creditBreakdown: { creditSecondHalf1: { negBalDays: String(negBalDays) } },
    },
    success: true,
  };
}

/** The insight `data` CreditChek would hold for this borrower, in the given form. */
export function syntheticInsight(
  borrowerId: string,
  form: InsightForm,
  appId?: string,
): Record<string, unknown> {
  const app = appId ?? hexId(borrowerId, 'app');
  if (form === 'failed')
    return {
      accountNumber: String(2_000_000_000 + pick(borrowerId, 'account', 99_999_999)),
      accountName: HOLDERS[pick(borrowerId, 'holder', HOLDERS.length)],
      appId: app,
      borrowerId,
      bankCode: '999',
      bankName: 'simbank',
      success: false,
    };
  const flat = flatInsight(borrowerId, app);
  return form === 'record' ? { id: flat._id, record: flat } : flat;
}

/**
 * The insights the simulated CreditChek holds, by borrower: registered through
 * `POST /admin/creditchek/insights` (synthetic content, or the given `data`). A borrower never
 * registered has none (404), as a borrower whose statement CreditChek has not analysed yet.
 */
@Injectable()
export class CreditChekInsights {
  private readonly byBorrower = new Map<string, Record<string, unknown>>();

  register(borrowerId: string, data: Record<string, unknown>): void {
    this.byBorrower.set(borrowerId, data);
  }

  find(borrowerId: string): Record<string, unknown> | undefined {
    return this.byBorrower.get(borrowerId);
  }

  clear(): void {
    this.byBorrower.clear();
  }
}
