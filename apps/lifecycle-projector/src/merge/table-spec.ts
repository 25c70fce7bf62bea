import { getMetadataArgsStorage } from 'typeorm';
import { mergeRuleOf } from './merged.decorator';

export type ColumnType =
  | 'text'
  | 'text[]'
  | 'uuid'
  | 'smallint'
  | 'integer'
  | 'bigint'
  | 'numeric'
  | 'boolean'
  | 'timestamptz'
  | 'jsonb'
  | 'bytea';

export type MergeRule =
  /** Conflict target; never updated. */
  | { kind: 'key' }
  /** Smallest non-null value (first time seen, stable ids). */
  | { kind: 'least' }
  /** Largest non-null value (ranks, last time seen). */
  | { kind: 'greatest' }
  /** Value of the fact with the greatest order key in `keyColumn` (a group of columns shares one key). */
  | { kind: 'newest'; keyColumn: string }
  /** Written once (insert-only rows). */
  | { kind: 'first' }
  /** Counter: stored + incoming. */
  | { kind: 'sum' };

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  rule: MergeRule;
}

/** `E` (phantom) is the entity the spec was derived from: rows for it are typed by its columns. */
export interface TableSpec<E = unknown> {
  /** unqualified: the data source's search_path names the schema (LIFECYCLE_PROJECTOR_SCHEMA) */
  table: string;
  columns: readonly ColumnSpec[];
  /** Never set: ties the spec to its entity's row type. */
  readonly row?: RowOf<E>;
}

/** `applicationId` -> `application_id`, as the entities name their columns (checked by tableSpecOf). */
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;

/** A row of an entity's table as the projectors build it: column names checked by the compiler. */
export type RowOf<E> = { [K in keyof E & string as SnakeCase<K>]?: unknown };

type EntityClass<E = object> = abstract new (...args: never[]) => E;

/**
 * The name of an entity's table, unqualified: the projector's tables live in whichever schema its
 * data source's search_path names (LIFECYCLE_PROJECTOR_SCHEMA), so that a rebuild can build a shadow.
 */
export function tableNameOf(entity: EntityClass): string {
  const table = getMetadataArgsStorage().tables.find((args) => args.target === entity);
  if (!table?.name || table.schema)
    throw new Error(`${entity.name} is not an @Entity with a name and no schema`);
  return table.name;
}

const snake = (property: string) => property.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * The merge specification of a projected table, read from its TypeORM entity: every column in
 * declaration order with its SQL type, primary columns as the conflict key, the others with their
 * `@Merged` rule. The entity is the one declaration of a table's columns.
 */
export function tableSpecOf<E extends object>(entity: EntityClass<E>): TableSpec<E> {
  const columns = getMetadataArgsStorage()
    .columns.filter((args) => args.target === entity)
    .map((args): ColumnSpec => {
      const name = args.options.name ?? args.propertyName;
      // Rows are built with snake_case keys (RowOf<E>): the column name must be the property's.
      if (name !== snake(args.propertyName))
        throw new Error(
          `${entity.name}.${args.propertyName}: column ${name} must be ${snake(args.propertyName)}`,
        );
      const type = `${String(args.options.type)}${args.options.array ? '[]' : ''}` as ColumnType;
      if (args.mode === 'regular' && args.options.primary !== true) {
        const rule = mergeRuleOf(entity, args.propertyName);
        if (!rule) throw new Error(`${entity.name}.${args.propertyName} has no @Merged rule`);
        return { name, type, rule };
      }
      return { name, type, rule: { kind: 'key' } };
    });
  return { table: tableNameOf(entity), columns };
}
