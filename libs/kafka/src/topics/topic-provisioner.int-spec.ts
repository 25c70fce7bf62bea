import { randomBytes } from 'node:crypto';
import { createLogger } from '@ledgerhook/platform';
import { type Admin, ConfigResourceTypes } from 'kafkajs';
import { createKafkaClient } from '../client/kafka-client.factory';
import { loadKafkaConfig } from '../config/kafka-config';
import { ensureTopics } from './topic-provisioner';

const kafka = createKafkaClient(loadKafkaConfig('topic-provisioner.int-spec'), createLogger('t', 'silent'));
const name = `it.provisioner.${randomBytes(4).toString('hex')}`;
const spec = {
  name,
  partitions: 1,
  retentionMs: -1,
  cleanupPolicy: 'delete' as const,
  key: 'k',
  description: 'd',
};

async function maxMessageBytes(admin: Admin): Promise<number> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name, configNames: ['max.message.bytes'] }],
  });
  return Number(resources[0]?.configEntries[0]?.configValue);
}

describe('ensureTopics against the real broker', () => {
  let admin: Admin;
  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [name] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('creates a topic with the catalogue’s limit, and raises the limit of one created before it', async () => {
    expect(await ensureTopics(admin, [spec])).toEqual([name]);
    const defaultLimit = await maxMessageBytes(admin);
    expect(defaultLimit).toBeLessThan(2 * 1024 * 1024);
    // The catalogue now asks for more: the existing topic is raised, not left to refuse large bodies.
    expect(await ensureTopics(admin, [{ ...spec, maxMessageBytes: 4 * 1024 * 1024 }])).toEqual([]);
    expect(await maxMessageBytes(admin)).toBe(4 * 1024 * 1024);
    // And never lowered.
    await ensureTopics(admin, [{ ...spec, maxMessageBytes: 2 * 1024 * 1024 }]);
    expect(await maxMessageBytes(admin)).toBe(4 * 1024 * 1024);
  });
});
