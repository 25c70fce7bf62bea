import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderDocs } from './render-docs';

// `npm run contracts:generate`: writes the JSON Schemas and docs/asyncapi.yaml from the code. The
// schemas directory is rebuilt from scratch so that a removed event leaves no stale file behind.
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const schemasDir = path.join(repoRoot, 'libs/contracts/schemas');

rmSync(schemasDir, { recursive: true, force: true });
const files = renderDocs();
for (const file of files) {
  const target = path.join(repoRoot, file.path);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, file.content);
}
const count = readdirSync(schemasDir, { recursive: true }).filter((name) =>
  String(name).endsWith('.json'),
).length;
console.log(`contracts:generate: wrote ${count} JSON Schemas and docs/asyncapi.yaml`);
