import { creditchekIdentity, parseCreditChekEvent } from '@ledgerhook/contracts';
import { syntheticInsight } from './creditchek-insights';

describe('syntheticInsight', () => {
  it.each(['flat', 'record', 'failed'] as const)(
    'gives the %s form, valid by the contract, keyed by the borrower',
    (form) => {
      const body = { event: 'income_insight', data: syntheticInsight('64a64e4681741eca2fd00821', form) };
      const event = parseCreditChekEvent(body);
      expect(event.known && event.eventName === 'income_insight' && event.form).toBe(form);
      expect(creditchekIdentity(body)).toMatchObject({ partitionKey: 'borrower:64a64e4681741eca2fd00821' });
    },
  );

  it('is the same for the same borrower and differs between borrowers', () => {
    expect(syntheticInsight('b1', 'flat')).toEqual(syntheticInsight('b1', 'flat'));
    expect(syntheticInsight('b1', 'flat').avgMonthlyIncome).not.toEqual(
      syntheticInsight('b2', 'flat').avgMonthlyIncome,
    );
    const record = syntheticInsight('b1', 'record');
    expect(record.record).toEqual(syntheticInsight('b1', 'flat'));
  });
});
