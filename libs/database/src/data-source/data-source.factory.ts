import { DataSource, type DataSourceOptions } from 'typeorm';

export interface ServiceDataSourceOptions {
  url: string;
  /** Which service connects; shows in pg_stat_activity. */
  applicationName: string;
  /** Listed explicitly, never globbed. */
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
  /** Each service records its own migrations, so services deploy independently. */
  migrationsTableName: string;
  poolSize?: number;
  /**
   * The schema unqualified table names resolve to (PostgreSQL `search_path`), so that one service's
   * SQL can build its tables under another name (a shadow rebuild). TypeORM's migrations table stays
   * in `public` either way.
   */
  searchPath?: string;
}

/** A schema name a service may be configured with: plain lower-case, never quoted. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A TypeORM data source for one service. Schema changes only ever come from migrations. */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    applicationName: options.applicationName,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: options.migrationsTableName,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // Off: TypeORM's logger prints queries with their parameters, which hold personal data.
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      ...(options.searchPath ? { options: `-c search_path=${checkedSchema(options.searchPath)}` } : {}),
    },
    ...(options.searchPath ? { schema: 'public' } : {}),
  });
}

function checkedSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema))
    throw new Error(`invalid schema name ${JSON.stringify(schema)}: expected ${SCHEMA_NAME}`);
  return schema;
}
