import { z } from 'zod';

/**
 * An exact amount of money. `minor` counts the currency's minor units (cents, kobo) and `scale` says how
 * many decimal places of a minor unit it carries: the amount in minor units is `minor / 10^scale`.
 * Almost every amount has scale 0 (whole cents or kobo); CreditChek's averages and ratios-of-income
 * sometimes come with fractions of a kobo ("81111896.6"), and those are kept exactly instead of rounded.
 * Values are normalised (no trailing fractional zeros), so two equal amounts are structurally equal.
 * Never convert to a JS number for arithmetic: use the helpers below, which work on bigint.
 */
export interface Money {
  readonly currency: string;
  readonly minor: bigint;
  readonly scale: number;
}

/**
 * JSON-safe form (bigint is not JSON): `minor` is the exact decimal string of minor units, e.g.
 * `{ "currency": "AUD", "minor": "398" }` for A$3.98, `{ "currency": "NGN", "minor": "81111896.6" }`.
 */
export interface MoneyJson {
  currency: string;
  minor: string;
}

/** Whether a provider states amounts in major units (dollars, euros) or minor units (kobo). */
export type AmountUnit = 'major' | 'minor';

/** ISO 4217 exponents for the currencies the providers use; others default to 2. */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  AUD: 2,
  EUR: 2,
  GBP: 2,
  NGN: 2,
  USD: 2,
  JPY: 0,
});

export function currencyExponent(currency: string): number {
  return CURRENCY_EXPONENTS[currency] ?? 2;
}

/** A plain decimal number as providers write it: optional minus, digits, optional fraction. */
export const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;
/** What a provider may put in an amount field: a decimal, or "" / "null" meaning "no value". */
export const AMOUNT_TEXT_PATTERN = /^(-?\d+(\.\d+)?|null|)$/;

export class MoneyFormatError extends Error {
  constructor(readonly input: unknown) {
    super(`malformed amount ${JSON.stringify(input)}`);
    this.name = 'MoneyFormatError';
  }
}

interface ParsedDecimal {
  digits: bigint;
  fractionDigits: number;
}

function parseDecimalText(text: string): ParsedDecimal {
  if (!DECIMAL_PATTERN.test(text)) throw new MoneyFormatError(text);
  const negative = text.startsWith('-');
  const unsigned = negative ? text.slice(1) : text;
  const [whole, fraction = ''] = unsigned.split('.');
  const digits = BigInt(whole + fraction);
  return { digits: negative ? -digits : digits, fractionDigits: fraction.length };
}

/**
 * The shortest decimal that JSON.parse read into this number (what the provider wrote, for any amount
 * of up to 15 significant digits), without ever multiplying in floating point.
 */
export function numberToDecimalString(value: number): string {
  if (!Number.isFinite(value)) throw new MoneyFormatError(value);
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text === '-0' ? '0' : text;
  const [, sign, whole, fraction = '', exponentText] = match;
  const exponent = Number(exponentText);
  const digits = whole + fraction;
  const pointAt = whole.length + exponent;
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

function normalise(currency: string, minor: bigint, scale: number): Money {
  while (scale > 0 && minor % 10n === 0n) {
    minor /= 10n;
    scale -= 1;
  }
  return Object.freeze({ currency, minor, scale });
}

function checkCurrency(currency: string): void {
  if (!/^[A-Z]{3}$/.test(currency)) throw new Error(`invalid currency code ${JSON.stringify(currency)}`);
}

/** Exact money from a decimal string, e.g. ("3.98", "AUD", "major") -> 398 cents. Throws MoneyFormatError. */
export function moneyFromDecimalString(text: string, currency: string, unit: AmountUnit): Money {
  checkCurrency(currency);
  const { digits, fractionDigits } = parseDecimalText(text);
  const shift = unit === 'major' ? currencyExponent(currency) : 0;
  if (fractionDigits <= shift) return normalise(currency, digits * 10n ** BigInt(shift - fractionDigits), 0);
  return normalise(currency, digits, fractionDigits - shift);
}

/** Exact money from a JSON number (Bridge balances, CreditChek integer kobo). */
export function moneyFromNumber(value: number, currency: string, unit: AmountUnit): Money {
  return moneyFromDecimalString(numberToDecimalString(value), currency, unit);
}

/**
 * A provider's amount field: "", "null", null and undefined mean "no value" and give undefined (never
 * 0); a decimal string or a number gives exact Money; anything else throws MoneyFormatError.
 */
export function parseAmount(value: unknown, currency: string, unit: AmountUnit): Money | undefined {
  if (value === undefined || value === null || value === '' || value === 'null') return undefined;
  if (typeof value === 'number') return moneyFromNumber(value, currency, unit);
  if (typeof value === 'string') return moneyFromDecimalString(value, currency, unit);
  throw new MoneyFormatError(value);
}

function minorToDecimalString(minor: bigint, scale: number): string {
  if (scale === 0) return minor.toString();
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

export function moneyToJson(money: Money): MoneyJson {
  return { currency: money.currency, minor: minorToDecimalString(money.minor, money.scale) };
}

export function moneyFromJson(json: MoneyJson): Money {
  return moneyFromDecimalString(json.minor, json.currency, 'minor');
}

/** Exact decimal string in major units, e.g. 398 AUD cents -> "3.98". For display and reports. */
export function moneyToMajorString(money: Money): string {
  return minorToDecimalString(money.minor, money.scale + currencyExponent(money.currency));
}

function aligned(a: Money, b: Money): [bigint, bigint, number] {
  if (a.currency !== b.currency) throw new Error(`currency mismatch: ${a.currency} vs ${b.currency}`);
  const scale = Math.max(a.scale, b.scale);
  return [a.minor * 10n ** BigInt(scale - a.scale), b.minor * 10n ** BigInt(scale - b.scale), scale];
}

export function addMoney(a: Money, b: Money): Money {
  const [x, y, scale] = aligned(a, b);
  return normalise(a.currency, x + y, scale);
}

/** -1, 0 or 1. */
export function compareMoney(a: Money, b: Money): number {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** JSON Schema / zod shape of MoneyJson, for downstream value schemas. */
export const moneyJsonSchema = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/),
    minor: z.string().regex(DECIMAL_PATTERN),
  })
  .meta({ description: 'Exact money: decimal string of minor units (cents, kobo) and ISO 4217 currency.' });

/**
 * A provider amount field as a zod schema. Wire form (what the JSON Schema documents): a decimal
 * string, "" or "null", a number, or null. Parsed form: Money, or undefined when absent/empty.
 * A malformed string ("12abc") fails with the field path.
 */
export function amountField(currency: string, unit: AmountUnit, description?: string) {
  const wire = z
    .union([
      z
        .string()
        .regex(AMOUNT_TEXT_PATTERN, { error: (issue) => `malformed amount ${JSON.stringify(issue.input)}` }),
      z.number(),
      z.null(),
    ])
    .optional();
  return wire
    .transform((value): Money | undefined => parseAmount(value, currency, unit))
    .meta({
      description: description ?? `Amount in ${unit === 'major' ? currency : `${currency} minor units`}`,
    });
}

/**
 * A non-money number that providers send as text (ratios, counts: CreditChek "DTI", "annual_edti").
 * Same wire form as an amount; parsed to the exact decimal string, or undefined when "", "null", null.
 */
export function decimalField(description?: string) {
  return z
    .union([
      z
        .string()
        .regex(AMOUNT_TEXT_PATTERN, { error: (issue) => `malformed number ${JSON.stringify(issue.input)}` }),
      z.number(),
      z.null(),
    ])
    .optional()
    .transform((value): string | undefined => {
      if (value === undefined || value === null || value === '' || value === 'null') return undefined;
      return typeof value === 'number' ? numberToDecimalString(value) : value;
    })
    .meta({ description: description ?? 'Exact decimal (sent as text or number)' });
}
