import { TEST_ACCOUNT_REF_KEY } from '@ledgerhook/contracts/testing';
import type { INestApplication } from '@nestjs/common';
import { KafkaBatchTransport } from '@ledgerhook/consumer';
import { createKafkaClient } from '@ledgerhook/kafka';
import { createLogger } from '@ledgerhook/platform';
import { fetchServiceEndpoints, startServiceForTest } from '@ledgerhook/platform/testing';
import { loadIncomeScorerConfig } from './config/income-scorer.config';
import { IncomeScorerModule } from './income-scorer.module';

// Boots the real service on a free port against the broker and database `npm test` provides.
describe('income-scorer service', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const logger = createLogger('income-scorer', 'warn');
    const config = loadIncomeScorerConfig({
      ...process.env,
      PORT: '1',
      ACCOUNT_REF_KEY: TEST_ACCOUNT_REF_KEY,
    });
    const kafka = createKafkaClient(config.kafka, logger);
    app = await startServiceForTest({
      service: 'income-scorer',
      module: IncomeScorerModule.forRoot(config, kafka, logger),
      logger,
      microservice: (app) => app.get(KafkaBatchTransport),
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers /healthz, /readyz (with its dependencies), and /metrics on METRICS_PORT only', async () => {
    const answers = await fetchServiceEndpoints(app);
    expect(answers.healthz).toBe(200);
    expect(answers.readyz.status).toBe(200);
    expect(Object.keys(answers.readyz.body.checks).sort()).toEqual(['database', 'kafka']);
    expect(answers.metrics.status).toBe(200);
    expect(answers.metricsOnServicePort).toBe(404);
    expect(answers.metrics.contentType).toContain('text/plain');
    expect(answers.metrics.body).toContain('service="income-scorer"');
  });
});
