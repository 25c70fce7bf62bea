import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KNOWN_CONSUMERS, TOPIC_CATALOGUE, TOPICS } from '@ledgerhook/contracts';
import { CONSUMER_TOPICS, kafkaUserOf } from './kafka-access';
import { renderKafkaResources } from './render-kafka-resources';
import { renderKustomization, REPO_ROOT } from './rendered-manifests';

interface Acl {
  resource: { type: 'topic' | 'group' | 'cluster'; name?: string; patternType?: 'literal' | 'prefix' };
  operations: string[];
}

const users = () =>
  renderKustomization('k8s/overlays/prod')
    .filter((object) => object.kind === 'KafkaUser')
    .map((user) => ({
      name: user.metadata.name,
      acls: (user.spec as { authorization: { acls: Acl[] } }).authorization.acls,
    }));

/** Whether the ACLs allow `operation` on the topic, as Kafka's simple authorizer decides. */
function allows(acls: readonly Acl[], operation: string, topic: string): boolean {
  return acls.some(
    ({ resource, operations }) =>
      resource.type === 'topic' &&
      operations.includes(operation) &&
      (resource.name === '*' ||
        (resource.patternType === 'prefix'
          ? topic.startsWith(resource.name ?? '')
          : topic === resource.name)),
  );
}
const who = (operation: string, topic: string) =>
  users()
    .filter((user) => allows(user.acls, operation, topic))
    .map((user) => user.name)
    .sort();

describe('prod KafkaTopic and KafkaUser resources', () => {
  it.each(renderKafkaResources().map((file) => [file.path, file.content] as const))(
    '%s is up to date',
    (file, content) => {
      if (readFileSync(path.join(REPO_ROOT, file), 'utf8') !== content) {
        throw new Error(
          `${file} differs from what the code generates: run \`npm run k8s:generate\` and commit it`,
        );
      }
    },
  );

  it('lets only the ingress write the raw topics, a generic source included', () => {
    for (const topic of [TOPICS.credfinRaw, TOPICS.creditchekRaw, TOPICS.bridgeRaw, 'webhooks.acme.v1']) {
      expect({ topic, writers: who('Write', topic) }).toEqual({ topic, writers: [kafkaUserOf('ingress')] });
    }
  });

  it('lets only the consumers of a raw topic (and the operators, for replay) read it', () => {
    for (const topic of [TOPICS.credfinRaw, TOPICS.creditchekRaw, TOPICS.bridgeRaw]) {
      const consumers = KNOWN_CONSUMERS.filter((consumer) => CONSUMER_TOPICS[consumer].reads.includes(topic));
      expect({ topic, readers: who('Read', topic) }).toEqual({
        topic,
        readers: [...consumers.map(kafkaUserOf), kafkaUserOf('operator')].sort(),
      });
    }
    expect(who('Read', 'webhooks.acme.v1')).toEqual([]);
  });

  it('lets downstream teams read lending.* and nothing else', () => {
    const downstream = users().find((user) => user.name === 'downstream-reader');
    for (const spec of TOPIC_CATALOGUE) {
      expect({ topic: spec.name, read: allows(downstream?.acls ?? [], 'Read', spec.name) }).toEqual({
        topic: spec.name,
        read: spec.name.startsWith('lending.'),
      });
    }
    expect(downstream?.acls.some((acl) => acl.operations.includes('Write'))).toBe(false);
  });

  it('gives each downstream topic one writer, its producer', () => {
    for (const consumer of KNOWN_CONSUMERS) {
      for (const topic of CONSUMER_TOPICS[consumer].writes) {
        expect({ topic, writers: who('Write', topic) }).toEqual({ topic, writers: [kafkaUserOf(consumer)] });
      }
    }
  });

  it('lets nobody create, delete or reconfigure topics (the KafkaTopic resources own them)', () => {
    for (const user of users()) {
      for (const acl of user.acls) {
        expect({ user: user.name, operations: acl.operations }).toEqual({
          user: user.name,
          operations: expect.not.arrayContaining(['Create', 'Delete', 'Alter', 'AlterConfigs', 'All']),
        });
      }
    }
  });

  it.each(KNOWN_CONSUMERS.map((consumer) => [consumer]))(
    "%s's access matches the topics its module declares",
    (consumer) => {
      // The module lists the catalogue topics it reads or writes (consumerServiceImports `topics`).
      const source = readFileSync(
        path.join(REPO_ROOT, 'apps', consumer, 'src', `${consumer}.module.ts`),
        'utf8',
      );
      const declared = /topics:\s*\[([^\]]*)\]/.exec(source)?.[1] ?? '';
      const names = [...declared.matchAll(/TOPICS\.(\w+)/g)].map(
        (match) => TOPICS[match[1] as keyof typeof TOPICS],
      );
      const { reads, writes } = CONSUMER_TOPICS[consumer];
      expect(names.sort()).toEqual([...reads, ...writes].sort());
    },
  );
});
