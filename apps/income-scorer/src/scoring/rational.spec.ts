import fc from 'fast-check';
import {
  add,
  compare,
  div,
  floor,
  fromDecimal,
  int,
  mul,
  rational,
  sub,
  toExactDecimal,
  toFixed,
} from './rational';

describe('rational', () => {
  it('keeps fractions exact in lowest terms', () => {
    expect(rational(6n, -4n)).toEqual({ n: -3n, d: 2n });
    expect(add(fromDecimal('0.1'), fromDecimal('0.2'))).toEqual(fromDecimal('0.3'));
    expect(div(int(367377715), int(13))).toEqual({ n: 367377715n, d: 13n });
    expect(() => div(int(1), int(0))).toThrow(RangeError);
    expect(() => fromDecimal('1e5')).toThrow(RangeError);
  });

  it('floors toward minus infinity', () => {
    expect(floor(fromDecimal('771.99'))).toBe(771n);
    expect(floor(fromDecimal('-0.5'))).toBe(-1n);
    expect(floor(int(-3))).toBe(-3n);
  });

  it('displays half away from zero, and exactly when the decimal is finite', () => {
    expect(toFixed(fromDecimal('174.2027'), 2)).toBe('174.20');
    expect(toFixed(fromDecimal('0.005'), 2)).toBe('0.01');
    expect(toFixed(fromDecimal('-0.005'), 2)).toBe('-0.01');
    expect(toFixed(fromDecimal('-0.004'), 2)).toBe('0.00');
    expect(toExactDecimal(fromDecimal('81111896.60'))).toBe('81111896.6');
    expect(toExactDecimal(rational(1n, 3n))).toBeUndefined();
  });

  it('orders and computes like exact arithmetic on decimals', () => {
    const decimal = fc
      .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }))
      .map(([digits, places]) => ({ digits, places }));
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const text = ({ digits, places }: typeof a) =>
          toFixed(rational(digits, 10n ** BigInt(places)), places);
        const x = fromDecimal(text(a));
        const y = fromDecimal(text(b));
        const scale = 10n ** 12n;
        const sum = a.digits * 10n ** BigInt(12 - a.places) + b.digits * 10n ** BigInt(12 - b.places);
        expect(add(x, y)).toEqual(rational(sum, scale));
        expect(sub(add(x, y), y)).toEqual(x);
        expect(compare(mul(x, y), mul(y, x))).toBe(0);
        expect(Math.sign(compare(x, y))).toBe(
          Math.sign(
            Number(a.digits * 10n ** BigInt(12 - a.places) - b.digits * 10n ** BigInt(12 - b.places)),
          ),
        );
      }),
    );
  });
});
