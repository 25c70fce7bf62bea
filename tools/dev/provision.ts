// Creates the platform's database (if missing) and every topic of the catalogue (if missing).
// Each service also provisions what it uses at boot; this makes `npm start` and `npm test` explicit.
import { TOPIC_CATALOGUE } from '@ledgerhook/contracts';
import { describeDatabaseUrl, ensureDatabase, loadDatabaseConfig } from '@ledgerhook/database';
import { createKafkaClient, ensureTopics, loadKafkaConfig } from '@ledgerhook/kafka';
import { createLogger } from '@ledgerhook/platform';

async function provision(): Promise<void> {
  const logger = createLogger('provision', 'warn');
  const database = loadDatabaseConfig('provision');
  const created = await ensureDatabase(database.url);
  process.stderr.write(
    `[provision] database ${describeDatabaseUrl(database.url)} ${created ? 'created' : 'already exists'}\n`,
  );
  const admin = createKafkaClient(loadKafkaConfig('provision'), logger).admin();
  await admin.connect();
  try {
    const topics = await ensureTopics(admin, TOPIC_CATALOGUE);
    process.stderr.write(
      `[provision] topics: ${topics.length} created, ${TOPIC_CATALOGUE.length - topics.length} already there\n`,
    );
  } finally {
    await admin.disconnect();
  }
}

provision().catch((error: Error) => {
  process.stderr.write(`[provision] ${error.message}\n`);
  process.exit(1);
});
