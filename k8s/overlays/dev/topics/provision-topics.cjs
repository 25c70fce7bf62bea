// Dev topic Job: creates every topic of the catalogue that is missing (libs/kafka ensureTopics, the
// same code `npm start` and the services use), with the cluster's default replication (one node).
// Runs in the Ledgerhook image, whose compiled libraries live under /app/dist.
const { TOPIC_CATALOGUE } = require('/app/dist/libs/contracts/src/index.js');
const { createKafkaClient, ensureTopics, loadKafkaConfig } = require('/app/dist/libs/kafka/src/index.js');
const { createLogger } = require('/app/dist/libs/platform/src/index.js');

async function main() {
  const logger = createLogger('provision-topics', 'warn');
  const admin = createKafkaClient(loadKafkaConfig('provision-topics'), logger).admin();
  await admin.connect();
  try {
    const created = await ensureTopics(admin, TOPIC_CATALOGUE);
    process.stdout.write(
      `${JSON.stringify({ created, existing: TOPIC_CATALOGUE.length - created.length })}\n`,
    );
  } finally {
    await admin.disconnect();
  }
}

main().catch((error) => {
  process.stderr.write(`provision-topics: ${error.message}\n`);
  process.exit(1);
});
