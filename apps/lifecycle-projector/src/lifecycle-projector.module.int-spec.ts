import type { INestApplication } from '@nestjs/common';
import { createKafkaClient, KafkaConsumerTransport } from '@ledgerhook/kafka';
import { bootstrapService, createLogger, fetchServiceEndpoints } from '@ledgerhook/platform';
import { loadLifecycleProjectorConfig } from './config/lifecycle-projector.config';
import { LifecycleProjectorModule } from './lifecycle-projector.module';

// Boots the real service on a free port against the broker and database `npm test` provides.
describe('lifecycle-projector service', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const logger = createLogger('lifecycle-projector', 'warn');
    const config = loadLifecycleProjectorConfig({ ...process.env, PORT: '1' });
    const kafka = createKafkaClient(config.kafka, logger);
    app = await bootstrapService({
      service: 'lifecycle-projector',
      module: LifecycleProjectorModule.forRoot(config, kafka, logger),
      port: 0,
      host: '127.0.0.1',
      logger,
      handleSignals: false,
      microservice: new KafkaConsumerTransport({ kafka, groupId: `lifecycle-projector-int-spec`, logger }),
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers /healthz, /readyz (with its dependencies) and /metrics', async () => {
    const answers = await fetchServiceEndpoints(app);
    expect(answers.healthz).toBe(200);
    expect(answers.readyz.status).toBe(200);
    expect(Object.keys(answers.readyz.body.checks).sort()).toEqual(['database', 'kafka']);
    expect(answers.metrics.status).toBe(200);
    expect(answers.metrics.contentType).toContain('text/plain');
    expect(answers.metrics.body).toContain('service="lifecycle-projector"');
  });
});
