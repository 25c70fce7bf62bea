import fc from 'fast-check';
import { compareText, mergeRow, RowFold } from './merge-upsert';
import type { TableSpec } from './table-spec';

// The in-memory half of the merge engine: the stored state must not depend on the order facts come
// in (partitions interleave, replays reorder), and, but for counters, not on how often one comes in.
const spec: TableSpec = {
  table: 'public.merge_probe',
  columns: [
    { name: 'k', type: 'text', rule: { kind: 'key' } },
    { name: 'least_text', type: 'text', rule: { kind: 'least' } },
    { name: 'greatest_time', type: 'timestamptz', rule: { kind: 'greatest' } },
    { name: 'least_big', type: 'bigint', rule: { kind: 'least' } },
    { name: 'newest_value', type: 'text', rule: { kind: 'newest', keyColumn: 'newest_key' } },
    { name: 'newest_key', type: 'text', rule: { kind: 'newest', keyColumn: 'newest_key' } },
    { name: 'counter', type: 'integer', rule: { kind: 'sum' } },
  ],
};
const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
const instant = fc
  .integer({ min: Date.parse('2020-01-01'), max: Date.parse('2030-01-01') })
  .map((ms) => new Date(ms).toISOString());
// Distinct newest keys: two facts with one key and different values are one fact sent twice, differently.
const facts = fc
  .uniqueArray(
    fc.record({
      least_text: nullable(fc.stringMatching(/^[a-z0-9]{1,6}$/)),
      greatest_time: nullable(instant),
      least_big: nullable(fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }).map(String)),
      newest_value: nullable(fc.stringMatching(/^[a-z]{1,6}$/)),
      newest_key: nullable(instant),
      counter: fc.integer({ min: 0, max: 3 }),
    }),
    { minLength: 1, maxLength: 6, selector: (fact) => fact.newest_key ?? Math.random() },
  )
  // A newest group's values always travel with their order key (the projectors write both or neither).
  .map((rows) =>
    rows.map((row) => ({
      k: 'one',
      ...row,
      newest_value: row.newest_key === null ? null : row.newest_value,
    })),
  );

const fold = (rows: readonly Record<string, unknown>[]) => {
  const folded = new RowFold(spec);
  for (const row of rows) folded.add(row);
  return folded.values();
};

describe('merge engine (in memory)', () => {
  it('gives the same row whatever order the facts come in', () => {
    fc.assert(
      fc.property(facts, fc.integer(), (rows, seed) => {
        const shuffled = [...rows].sort(() => ((seed = (seed * 16807) % 2147483647) % 3) - 1);
        expect(fold(shuffled)).toEqual(fold(rows));
      }),
    );
  });

  it('is idempotent for every rule but counters', () => {
    fc.assert(
      fc.property(facts, (rows) => {
        const once = fold(rows)[0] as Record<string, unknown>;
        const twice = fold([...rows, ...rows])[0] as Record<string, unknown>;
        expect({ ...twice, counter: undefined }).toEqual({ ...once, counter: undefined });
        expect(twice['counter']).toBe(2 * Number(once['counter']));
      }),
    );
  });

  it('keeps what the stored row has when a fact lacks a column', () => {
    const stored = { k: 'one', least_text: 'b', newest_value: 'x', newest_key: '2024-01-01T00:00:00.000Z' };
    expect(mergeRow(spec, stored, { k: 'one' })).toEqual(stored);
    expect(mergeRow(spec, stored, { k: 'one', least_text: 'a' })['least_text']).toBe('a');
    // An older fact never overwrites a newer one's group.
    const older = { k: 'one', newest_value: 'old', newest_key: '2023-01-01T00:00:00.000Z' };
    expect(mergeRow(spec, stored, older)['newest_value']).toBe('x');
  });
});

describe('compareText (the fold’s order for text, order keys and timestamps)', () => {
  it('orders as UTF-8 bytes, which is what COLLATE "C" compares', () => {
    const text = fc.string({ unit: 'binary' });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const bytes = Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
        expect(Math.sign(compareText(a, b))).toBe(bytes);
      }),
      { numRuns: 500 },
    );
    expect(compareText('\uffff', '\u{10000}')).toBeLessThan(0);
  });
});
