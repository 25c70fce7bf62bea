import type { Money } from '@ledgerhook/contracts';

// Exact fractions on bigint for the scoring model: ratios and points are never floats, and rounding
// happens once, where docs/scoring.md says (floor for the score and the repayment, display otherwise).

export interface Rational {
  /** Numerator; carries the sign. */
  readonly n: bigint;
  /** Denominator, always > 0; the fraction is kept in lowest terms. */
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO = rational(0n);
export const ONE = rational(1n);

export function int(value: number | bigint): Rational {
  return rational(BigInt(value));
}

/** An exact decimal ("0.6", "-12.345") as a fraction. */
export function fromDecimal(text: string): Rational {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
  const [, sign, whole, fraction = ''] = match;
  const n = BigInt(whole + fraction);
  return rational(sign ? -n : n, 10n ** BigInt(fraction.length));
}

/** Money's amount in minor units (kobo), exactly: minor / 10^scale. */
export function fromMoney(money: Money): Rational {
  return rational(money.minor, 10n ** BigInt(money.scale));
}

export const add = (a: Rational, b: Rational): Rational => rational(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational => rational(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational): Rational => rational(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational): Rational => rational(a.n * b.d, a.d * b.n);

export function compare(a: Rational, b: Rational): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

export const min = (a: Rational, b: Rational): Rational => (compare(a, b) <= 0 ? a : b);
export const max = (a: Rational, b: Rational): Rational => (compare(a, b) >= 0 ? a : b);
export const abs = (a: Rational): Rational => (a.n < 0n ? rational(-a.n, a.d) : a);
export const isZero = (a: Rational): boolean => a.n === 0n;

/** Largest integer not above the value. */
export function floor(a: Rational): bigint {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}

/** Decimal text rounded half away from zero to `places` decimals, for display only. */
export function toFixed(a: Rational, places: number): string {
  const scale = 10n ** BigInt(places);
  const negative = a.n < 0n;
  const magnitude = negative ? -a.n : a.n;
  const rounded = (magnitude * scale * 2n + a.d) / (2n * a.d);
  const digits = rounded.toString().padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative && rounded !== 0n ? `-${text}` : text;
}

/** The exact value as a decimal when it has a finite one (denominator 2^a·5^b), else undefined. */
export function toExactDecimal(a: Rational): string | undefined {
  let d = a.d;
  let places = 0;
  while (d % 10n === 0n) [d, places] = [d / 10n, places + 1];
  while (d % 2n === 0n || d % 5n === 0n) {
    d = d % 2n === 0n ? d / 2n : d / 5n;
    places += 1;
  }
  if (d !== 1n) return undefined;
  return toFixed(a, places);
}
