import { randomBytes } from 'node:crypto';
import { databaseUrlFor, loadDatabaseConfig } from '../config/database-config';
import { dropDatabase } from './drop-database';
import { PLATFORM_ENTITIES, PLATFORM_MIGRATIONS } from '../platform-schema';
import { InboxEntry } from '../inbox/inbox-entry.entity';
import { createServiceDataSource } from './data-source.factory';
import { ensureDatabase, explainConnectionError } from './ensure-database';
import { runMigrations } from './run-migrations';

// Runs against the real PostgreSQL that `npm test` points DATABASE_URL at, in a database of its own.
const baseUrl = loadDatabaseConfig('database.int-spec').url;
const databaseName = `ledgerhook_it_${randomBytes(4).toString('hex')}`;
const url = databaseUrlFor(baseUrl, databaseName);

describe('database plumbing (real PostgreSQL)', () => {
  afterAll(() => dropDatabase(url));

  it('creates its database once, runs the migrations once, then writes and reads an entity', async () => {
    expect(await ensureDatabase(url)).toBe(true);
    expect(await ensureDatabase(url)).toBe(false);

    const dataSource = createServiceDataSource({
      url,
      applicationName: 'database.int-spec',
      entities: [...PLATFORM_ENTITIES],
      migrations: [...PLATFORM_MIGRATIONS],
      migrationsTableName: 'migrations_int_spec',
    });
    await dataSource.initialize();
    try {
      // Every platform migration once, in order, then none.
      expect(await runMigrations(dataSource)).toEqual(PLATFORM_MIGRATIONS.map((migration) => migration.name));
      expect(await runMigrations(dataSource)).toEqual([]);

      const inbox = dataSource.getRepository(InboxEntry);
      await inbox.insert({
        consumer: 'int-spec',
        dedupKey: 'bridge:item.created:42:abc',
        ceId: '019a0000-0000-7000-8000-000000000000',
        topic: 'webhooks.bridge.v1',
        partition: 2,
        kafkaOffset: '9007199254740993',
      });
      const stored = await inbox.findOneByOrFail({
        consumer: 'int-spec',
        dedupKey: 'bridge:item.created:42:abc',
      });
      expect(stored.partition).toBe(2);
      // bigint offsets survive beyond Number.MAX_SAFE_INTEGER because they stay strings.
      expect(stored.kafkaOffset).toBe('9007199254740993');
      expect(stored.processedAt).toBeInstanceOf(Date);

      await expect(
        inbox.insert({ ...stored, ceId: 'another-delivery', processedAt: undefined as never }),
      ).rejects.toThrow(/pk_inbox/);
    } finally {
      await dataSource.destroy();
    }
  });

  it('explains an unreachable server and how to provide one', async () => {
    const unreachable = 'postgres://postgres@127.0.0.1:1/nowhere';
    await expect(ensureDatabase(unreachable)).rejects.toThrow(
      /not reachable at 127\.0\.0\.1:1\/nowhere.*DATABASE_URL=/s,
    );
    expect(explainConnectionError(unreachable, new Error('boom')).message).toContain('boom');
  });
});
