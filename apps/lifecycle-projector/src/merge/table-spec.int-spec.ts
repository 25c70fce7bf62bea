import { randomBytes } from 'node:crypto';
import {
  createServiceDataSource,
  databaseUrlFor,
  dropDatabase,
  ensureDatabase,
  loadDatabaseConfig,
  PLATFORM_ENTITIES,
  PLATFORM_MIGRATIONS,
  runMigrations,
} from '@ledgerhook/database';
import fc from 'fast-check';
import { getMetadataArgsStorage, type DataSource } from 'typeorm';
import { MAX_MICROS, MIN_MICROS, microsToIso } from '../events/event-time';
import { LIFECYCLE_ENTITIES, LIFECYCLE_MIGRATIONS, LIFECYCLE_SCHEMA } from '../lifecycle-schema';
import { isoColumn } from '../sql/iso-column';
import { RowFold, upsertRows } from './merge-upsert';
import { type TableSpec, tableNameOf } from './table-spec';

// The entity is the one declaration of a projected table: the migrations must build exactly its
// columns, and the SQL merge must do exactly what the in-memory fold does, rule by rule.
const baseUrl = loadDatabaseConfig('table-spec.int-spec').url;
const url = databaseUrlFor(baseUrl, `ledgerhook_it_merge_${randomBytes(4).toString('hex')}`);
let dataSource: DataSource;

beforeAll(async () => {
  await ensureDatabase(url);
  dataSource = createServiceDataSource({
    url,
    applicationName: 'table-spec.int-spec',
    entities: [...PLATFORM_ENTITIES, ...LIFECYCLE_ENTITIES],
    migrations: [...PLATFORM_MIGRATIONS, ...LIFECYCLE_MIGRATIONS],
    migrationsTableName: 'migrations_it',
    searchPath: LIFECYCLE_SCHEMA,
  });
  await dataSource.initialize();
  await runMigrations(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  await dropDatabase(url);
});

// TypeORM column type -> information_schema udt_name.
const UDT: Record<string, string> = {
  text: 'text',
  uuid: 'uuid',
  smallint: 'int2',
  integer: 'int4',
  bigint: 'int8',
  numeric: 'numeric',
  boolean: 'bool',
  timestamptz: 'timestamptz',
  jsonb: 'jsonb',
  bytea: 'bytea',
};

describe('lifecycle entities and migrations', () => {
  it.each(LIFECYCLE_ENTITIES.map((entity) => [tableNameOf(entity), entity] as const))(
    '%s has exactly the entity’s columns, types and nullability',
    async (name, entity) => {
      const actual: { column_name: string; udt_name: string; is_nullable: string }[] = await dataSource.query(
        `SELECT column_name, udt_name, is_nullable FROM information_schema.columns
          WHERE table_schema = $1 AND table_name = $2 ORDER BY column_name`,
        [LIFECYCLE_SCHEMA, name],
      );
      const declared = getMetadataArgsStorage()
        .columns.filter((args) => args.target === entity)
        .map((args) => ({
          column_name: args.options.name ?? args.propertyName,
          udt_name: `${args.options.array ? '_' : ''}${UDT[String(args.options.type)]}`,
          is_nullable: args.options.nullable ? 'YES' : 'NO',
        }))
        .sort((a, b) => (a.column_name < b.column_name ? -1 : 1));
      expect(actual).toEqual(declared);
    },
  );
});

describe('merge rules: the SQL upsert agrees with the in-memory fold', () => {
  const spec: TableSpec = {
    table: 'public.merge_probe',
    columns: [
      { name: 'k', type: 'text', rule: { kind: 'key' } },
      { name: 'least_text', type: 'text', rule: { kind: 'least' } },
      { name: 'greatest_time', type: 'timestamptz', rule: { kind: 'greatest' } },
      { name: 'least_big', type: 'bigint', rule: { kind: 'least' } },
      { name: 'first_text', type: 'text', rule: { kind: 'first' } },
      { name: 'counter', type: 'integer', rule: { kind: 'sum' } },
      { name: 'newest_value', type: 'text', rule: { kind: 'newest', keyColumn: 'newest_key' } },
      { name: 'newest_key', type: 'text', rule: { kind: 'newest', keyColumn: 'newest_key' } },
    ],
  };

  beforeAll(async () => {
    await dataSource.query(`CREATE TABLE public.merge_probe (
      k text PRIMARY KEY, least_text text, greatest_time timestamptz, least_big bigint, first_text text,
      counter integer, newest_value text, newest_key text)`);
  });

  const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
  // Fixed-width UTC instants with microseconds (what the projectors write, microsToIso), from the
  // year 1 to 9999, so text and timestamptz order agree.
  const instant = fc.bigInt({ min: MIN_MICROS, max: MAX_MICROS }).map(microsToIso);
  // Text PostgreSQL can store (no NUL, no lone surrogate), giving a fair chance to the characters where
  // UTF-16 order and code-point order (COLLATE "C") part ways: U+E000–U+FFFF against astral ones.
  const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const text = fc
    .oneof(
      fc.stringMatching(/^[A-Za-z0-9_.:-]{1,8}$/),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
      fc.string({
        unit: fc.constantFrom('a', 'Z', 'é', '\ue000', '\uffff', '\u{10000}', '😀'),
        minLength: 1,
        maxLength: 4,
      }),
    )
    .filter((value) => !value.includes('\u0000') && !LONE_SURROGATE.test(value));
  const fact = fc.record({
    least_text: nullable(text),
    greatest_time: nullable(instant),
    least_big: nullable(fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }).map(String)),
    first_text: nullable(fc.stringMatching(/^[a-z]{1,6}$/)),
    counter: fc.integer({ min: 0, max: 3 }),
    newest_value: nullable(fc.stringMatching(/^[a-z]{1,6}$/)),
    newest_key: nullable(fc.oneof(instant, text)),
  });

  it('for every rule, any facts in any number of statements', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fact, { minLength: 1, maxLength: 5 }), async (facts) => {
        const k = `k${run++}`;
        const fold = new RowFold(spec);
        for (const f of facts) {
          fold.add({ k, ...f });
          // One statement per fact: each merges with what the table already holds.
          await upsertRows(dataSource.manager, spec, [{ k, ...f }]);
        }
        const [stored] = await dataSource.query(
          `SELECT k, least_text, ${isoColumn('greatest_time')} AS greatest_time,
                  least_big::text AS least_big, first_text, counter, newest_value, newest_key
             FROM public.merge_probe WHERE k = $1`,
          [k],
        );
        const [expected] = fold.values();
        expect(stored).toEqual({ ...expected, counter: Number(expected?.['counter']) });
      }),
      { numRuns: 150 },
    );
  });
});
