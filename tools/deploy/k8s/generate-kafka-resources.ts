import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderKafkaResources } from './render-kafka-resources';

// `npm run k8s:generate`: writes the prod overlay's KafkaTopic and KafkaUser resources.
const repoRoot = path.resolve(__dirname, '..', '..', '..');
for (const file of renderKafkaResources()) {
  const target = path.join(repoRoot, file.path);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, file.content);
  process.stderr.write(`k8s:generate: wrote ${file.path}\n`);
}
