import { Client } from 'pg';
import { DisposablePostgres } from './disposable-postgres';

describe('DisposablePostgres', () => {
  it('runs a server of its own that can be stopped and started again', async () => {
    const server = new DisposablePostgres(55432);
    try {
      server.start();
      const query = async () => {
        const client = new Client({
          connectionString: server.url('postgres'),
          connectionTimeoutMillis: 2_000,
        });
        await client.connect();
        try {
          return (await client.query('SELECT 1 AS one')).rows[0];
        } finally {
          await client.end();
        }
      };
      expect(await query()).toEqual({ one: 1 });
      server.stop();
      await expect(query()).rejects.toThrow();
      server.start();
      expect(await query()).toEqual({ one: 1 });
    } finally {
      server.destroy();
    }
  });
});
