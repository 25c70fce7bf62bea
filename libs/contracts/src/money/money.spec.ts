import {
  addMoney,
  compareMoney,
  moneyFromDecimalString,
  moneyFromJson,
  moneyFromNumber,
  moneyToJson,
  moneyToMajorString,
  numberToDecimalString,
  parseAmount,
} from './money';

describe('money', () => {
  it('parses dollar strings into exact cents', () => {
    expect(moneyFromDecimalString('3.98', 'AUD', 'major')).toEqual({
      currency: 'AUD',
      minor: 398n,
      scale: 0,
    });
    expect(moneyFromDecimalString('-12.5', 'AUD', 'major')).toEqual({
      currency: 'AUD',
      minor: -1250n,
      scale: 0,
    });
    expect(moneyFromDecimalString('1024', 'AUD', 'major')).toEqual({
      currency: 'AUD',
      minor: 102400n,
      scale: 0,
    });
    expect(moneyFromDecimalString('3.980', 'AUD', 'major')).toEqual(
      moneyFromDecimalString('3.98', 'AUD', 'major'),
    );
  });

  it('keeps fractional kobo exactly instead of rounding', () => {
    expect(moneyFromDecimalString('81111896.6', 'NGN', 'minor')).toEqual({
      currency: 'NGN',
      minor: 811118966n,
      scale: 1,
    });
    expect(moneyToJson(moneyFromDecimalString('321203110.536', 'NGN', 'minor'))).toEqual({
      currency: 'NGN',
      minor: '321203110.536',
    });
    expect(moneyToMajorString(moneyFromDecimalString('81111896.6', 'NGN', 'minor'))).toBe('811118.966');
  });

  it('reads JSON numbers through their decimal text, never float arithmetic', () => {
    expect(moneyFromNumber(1678.12, 'EUR', 'major')).toEqual({ currency: 'EUR', minor: 167812n, scale: 0 });
    expect(moneyFromNumber(0.1, 'EUR', 'major').minor).toBe(10n);
    expect(moneyFromNumber(-35.5, 'EUR', 'major').minor).toBe(-3550n);
    expect(moneyFromNumber(55659462, 'NGN', 'minor').minor).toBe(55659462n);
    expect(numberToDecimalString(1e21)).toBe('1000000000000000000000');
    expect(numberToDecimalString(1.5e-7)).toBe('0.00000015');
  });

  it('treats "", "null", null and undefined as absent, not 0', () => {
    for (const empty of ['', 'null', null, undefined])
      expect(parseAmount(empty, 'NGN', 'minor')).toBeUndefined();
  });

  it('rejects malformed amounts', () => {
    expect(() => parseAmount('12abc', 'AUD', 'major')).toThrow('malformed amount "12abc"');
    expect(() => parseAmount('1e5', 'AUD', 'major')).toThrow('malformed amount');
    expect(() => parseAmount({}, 'AUD', 'major')).toThrow('malformed amount');
  });

  it('round-trips through JSON and adds exactly', () => {
    const a = moneyFromDecimalString('0.1', 'EUR', 'major');
    const b = moneyFromDecimalString('0.2', 'EUR', 'major');
    expect(moneyToMajorString(addMoney(a, b))).toBe('0.30');
    const kobo = moneyFromDecimalString('81111896.6', 'NGN', 'minor');
    expect(moneyFromJson(moneyToJson(kobo))).toEqual(kobo);
    expect(JSON.parse(JSON.stringify(moneyToJson(kobo)))).toEqual({ currency: 'NGN', minor: '81111896.6' });
    expect(addMoney(kobo, moneyFromDecimalString('0.4', 'NGN', 'minor'))).toEqual({
      currency: 'NGN',
      minor: 81111897n,
      scale: 0,
    });
    expect(compareMoney(a, b)).toBe(-1);
    expect(() => addMoney(a, kobo)).toThrow('currency mismatch');
  });
});
