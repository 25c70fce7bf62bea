import type { EntityManager } from 'typeorm';
import type { ColumnSpec, ColumnType, RowOf, TableSpec } from './table-spec';

// One statement per table and batch: rows folded in memory, then a multi-row
// INSERT … ON CONFLICT DO UPDATE whose SET clause merges with the stored row by the SAME rules as the
// in-memory fold. Every rule is commutative and idempotent (least, greatest, newest by order key), so
// the stored state does not depend on the order facts are applied in, and two transactions writing
// the same row (different partitions) both land. `sum` is commutative but not idempotent: it relies on
// the timeline insert, which lets each event through once.

export type Row = Record<string, unknown>;

const MAX_PARAMETERS = 65_000;
const NUMERIC_TYPES = new Set<ColumnType>(['smallint', 'integer', 'bigint', 'numeric']);

function isAbsent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** A UTF-16 unit's place in code-point order: U+E000–U+FFFF before the surrogates of astral characters. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}

/**
 * Code-point order, which is UTF-8 byte order: what COLLATE "C" compares. JS `<` compares UTF-16
 * units, which puts U+E000–U+FFFF after every astral character.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function compare(type: ColumnType, a: unknown, b: unknown): number {
  if (NUMERIC_TYPES.has(type)) {
    const x = BigInt(a as string | number);
    const y = BigInt(b as string | number);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (type === 'boolean') return Number(a) - Number(b);
  // text as COLLATE "C"; uuid (lower case) and fixed-width UTC timestamps sort as their text.
  return compareText(String(a), String(b));
}

function pick(type: ColumnType, a: unknown, b: unknown, want: 1 | -1): unknown {
  if (isAbsent(a)) return b;
  if (isAbsent(b)) return a;
  return compare(type, a, b) * want >= 0 ? a : b;
}

export function keyOf(spec: TableSpec, row: Row): string {
  return spec.columns
    .filter((column) => column.rule.kind === 'key')
    .map((column) => String(row[column.name]))
    .join('\u0000');
}

/** In-memory form of the SQL merge: `incoming` merged into `current` (either may lack columns). */
export function mergeRow(spec: TableSpec, current: Row | undefined, incoming: Row): Row {
  if (!current) return { ...incoming };
  const merged: Row = { ...current };
  for (const column of spec.columns) {
    const a = current[column.name];
    const b = incoming[column.name];
    switch (column.rule.kind) {
      case 'key':
      case 'first':
        merged[column.name] = isAbsent(a) ? b : a;
        break;
      case 'least':
        merged[column.name] = pick(column.type, a, b, -1);
        break;
      case 'greatest':
        merged[column.name] = pick(column.type, a, b, 1);
        break;
      case 'sum':
        merged[column.name] = isAbsent(a) ? b : isAbsent(b) ? a : Number(a) + Number(b);
        break;
      case 'newest': {
        const keyColumn = column.rule.keyColumn;
        const currentKey = current[keyColumn];
        const incomingKey = incoming[keyColumn];
        const takeIncoming =
          !isAbsent(incomingKey) &&
          (isAbsent(currentKey) || compareText(String(incomingKey), String(currentKey)) >= 0);
        merged[column.name] = takeIncoming ? b : a;
        break;
      }
    }
  }
  // The key column of a newest group is itself merged last, by its own value.
  for (const column of spec.columns) {
    if (column.rule.kind === 'newest' && column.rule.keyColumn === column.name) {
      merged[column.name] = pick('text', current[column.name], incoming[column.name], 1);
    }
  }
  return merged;
}

/** Rows keyed by primary key, merged as they are added. */
export class RowFold<E> {
  private readonly rows = new Map<string, Row>();

  constructor(readonly spec: TableSpec<E>) {}

  add(row: RowOf<E>): void {
    const key = keyOf(this.spec, row);
    this.rows.set(key, mergeRow(this.spec, this.rows.get(key), row));
  }

  get size(): number {
    return this.rows.size;
  }

  /** Rows in primary-key order: concurrent transactions then lock shared rows in the same order. */
  values(): Row[] {
    return [...this.rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  }
}

function textish(type: ColumnType): boolean {
  return type === 'text';
}

function setExpression(column: ColumnSpec): string | undefined {
  const name = `"${column.name}"`;
  const old = `t.${name}`;
  const next = `EXCLUDED.${name}`;
  const collate = textish(column.type) ? ' COLLATE "C"' : '';
  switch (column.rule.kind) {
    case 'key':
      return undefined;
    case 'first':
      return `${name} = COALESCE(${old}, ${next})`;
    case 'least':
      return `${name} = LEAST(${old}${collate}, ${next}${collate})`;
    case 'greatest':
      return `${name} = GREATEST(${old}${collate}, ${next}${collate})`;
    case 'sum':
      return `${name} = COALESCE(${old}, 0) + COALESCE(${next}, 0)`;
    case 'newest': {
      const key = `"${column.rule.keyColumn}"`;
      if (column.rule.keyColumn === column.name) {
        return `${name} = GREATEST(${old} COLLATE "C", ${next} COLLATE "C")`;
      }
      return (
        `${name} = CASE WHEN EXCLUDED.${key} IS NOT NULL AND ` +
        `(t.${key} IS NULL OR EXCLUDED.${key} COLLATE "C" >= t.${key} COLLATE "C") ` +
        `THEN ${next} ELSE ${old} END`
      );
    }
  }
}

function parameter(type: ColumnType, value: unknown): unknown {
  if (isAbsent(value)) return null;
  if (type === 'jsonb') return JSON.stringify(value);
  return value;
}

/**
 * Writes folded rows in one statement: one array parameter per column, expanded by unnest(), which
 * PostgreSQL parses and plans far faster than thousands of VALUES placeholders. Tables with array
 * columns (unnest cannot carry them) use multi-row VALUES, chunked under the parameter limit.
 */
export async function upsertRows(
  manager: EntityManager,
  spec: TableSpec,
  rows: readonly Row[],
  options: { doNothing?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = spec.columns;
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const keys = columns.filter((column) => column.rule.kind === 'key').map((column) => `"${column.name}"`);
  const sets = columns.map(setExpression).filter((set): set is string => set !== undefined);
  const conflict =
    options.doNothing || sets.length === 0
      ? `ON CONFLICT (${keys.join(', ')}) DO NOTHING`
      : `ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${sets.join(', ')}`;
  if (columns.every((column) => !column.type.endsWith('[]'))) {
    const arrays = columns.map((column) => rows.map((row) => parameter(column.type, row[column.name])));
    const unnest = columns.map((column, i) => `$${i + 1}::${column.type}[]`).join(', ');
    await manager.query(
      `INSERT INTO ${spec.table} AS t (${names}) SELECT * FROM unnest(${unnest}) ${conflict}`,
      arrays,
    );
    return;
  }
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = columns.map((column) => {
        parameters.push(parameter(column.type, row[column.name]));
        return `$${parameters.length}::${column.type}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(
      `INSERT INTO ${spec.table} AS t (${names}) VALUES ${tuples.join(', ')} ${conflict}`,
      parameters,
    );
  }
}
