#!/usr/bin/env node
// Copies the v1beta2 openAPIV3Schema of the Strimzi CRDs the manifests use into
// tools/deploy/k8s/schemas/strimzi/, so that validation runs offline. Run it by hand when Strimzi is
// upgraded, with the release's CRD files (install/cluster-operator/04*-Crd-*.yaml of the tag):
//   node tools/deploy/k8s/vendor-strimzi-schemas.mjs <strimzi version> <crd.yaml>...
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const WANTED = ['Kafka', 'KafkaNodePool', 'KafkaTopic', 'KafkaUser'];
const VERSION = 'v1beta2';
const [strimziVersion, ...files] = process.argv.slice(2);
if (!strimziVersion || files.length === 0) {
  process.stderr.write('usage: vendor-strimzi-schemas.mjs <strimzi version> <crd.yaml>...\n');
  process.exit(2);
}
const target = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schemas', 'strimzi');
mkdirSync(target, { recursive: true });
const written = [];
for (const file of files) {
  const crd = parse(readFileSync(file, 'utf8'));
  const kind = crd?.spec?.names?.kind;
  if (!WANTED.includes(kind)) continue;
  const version = crd.spec.versions.find((candidate) => candidate.name === VERSION);
  if (!version?.schema?.openAPIV3Schema) throw new Error(`${file}: no ${VERSION} schema for ${kind}`);
  const document = {
    source: `strimzi/strimzi-kafka-operator ${strimziVersion} ${path.basename(file)}`,
    group: crd.spec.group,
    version: VERSION,
    kind,
    schema: version.schema.openAPIV3Schema,
  };
  writeFileSync(path.join(target, `${kind}.json`), `${JSON.stringify(document)}\n`);
  written.push(kind);
}
const missing = WANTED.filter((kind) => !written.includes(kind));
if (missing.length > 0) throw new Error(`no CRD given for ${missing.join(', ')}`);
process.stderr.write(`wrote ${written.join(', ')} (Strimzi ${strimziVersion}) to ${target}\n`);
