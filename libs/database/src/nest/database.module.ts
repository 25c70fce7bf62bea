import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ReadinessRegistry, SERVICE_LOGGER, type Logger } from '@ledgerhook/platform';
import { DataSource } from 'typeorm';
import { describeDatabaseUrl } from '../config/database-config';
import { createServiceDataSource, type ServiceDataSourceOptions } from '../data-source/data-source.factory';
import { ensureDatabase } from '../data-source/ensure-database';
import { runMigrations } from '../data-source/run-migrations';

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Gives a service its TypeORM DataSource: creates the database if missing, connects, and runs the
 * service's pending migrations before anything else starts. Readiness includes a `SELECT 1`.
 */
@Module({})
export class DatabaseModule {
  static forService(options: ServiceDataSourceOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: DataSource,
          inject: [ReadinessRegistry, SERVICE_LOGGER],
          useFactory: async (readiness: ReadinessRegistry, logger: Logger) => {
            await ensureDatabase(options.url);
            const dataSource = createServiceDataSource(options);
            await dataSource.initialize();
            const applied = await runMigrations(dataSource);
            logger.info({ database: describeDatabaseUrl(options.url), applied }, 'database ready');
            readiness.register('database', async () => (await dataSource.query('SELECT 1')).length === 1);
            return dataSource;
          },
        },
        DataSourceCloser,
      ],
      exports: [DataSource],
    };
  }
}
