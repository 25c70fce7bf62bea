import fc from 'fast-check';
import { MAX_MICROS, MIN_MICROS, canonicalTime, epochMicros, microsToIso } from './event-time';

const micros = fc.bigInt(MIN_MICROS, MAX_MICROS);

describe('event time', () => {
  it('writes every instant as fixed-width UTC text that reads back to the same microsecond', () => {
    fc.assert(
      fc.property(micros, (value) => {
        const text = microsToIso(value);
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
        expect(epochMicros(text)).toBe(value);
      }),
    );
  });

  it('sorts the text as the instants: the fold compares timestamps as text', () => {
    fc.assert(
      fc.property(micros, micros, (a, b) => {
        expect(microsToIso(a) < microsToIso(b)).toBe(a < b);
      }),
    );
  });

  it('reads offsets and keeps the microseconds a Date would drop', () => {
    expect(canonicalTime('2020-01-21T12:52:23.480539+11:00')).toBe('2020-01-21T01:52:23.480539Z');
    expect(canonicalTime('1969-12-31T23:59:59.999999Z')).toBe('1969-12-31T23:59:59.999999Z');
    expect(canonicalTime('yesterday')).toBeUndefined();
  });

  it('reads no instant PostgreSQL cannot store or that would not sort as text', () => {
    expect(canonicalTime('0000-12-31T23:59:59Z')).toBeUndefined();
    expect(canonicalTime('0001-01-01T00:30:00+01:00')).toBeUndefined();
    expect(canonicalTime('9999-12-31T23:30:00-01:00')).toBeUndefined();
    expect(canonicalTime('0001-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00.000000Z');
  });
});
