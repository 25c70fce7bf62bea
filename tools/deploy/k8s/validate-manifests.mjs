#!/usr/bin/env node
// Validates Kubernetes objects offline. Reads a JSON array of objects on stdin and prints a JSON
// array of { index, kind, name, errors } for every object that is invalid or of an unknown kind.
//  - Kubernetes, KEDA and prometheus-operator kinds: the JSON Schemas of their APIs, compiled with
//    ajv, as published in the kubernetes-models packages (ESM only, hence this separate process:
//    Jest's CommonJS runtime cannot load them).
//  - Strimzi kinds: the CRDs' openAPIV3Schema vendored in ./schemas/strimzi (see its README), made
//    strict like the API server's pruning: a field the schema does not declare is an error.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Module holding the models of an apiVersion. */
function modelModule(apiVersion) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'keda.sh') return `@kubernetes-models/keda/keda.sh/${version}`;
  if (group === 'monitoring.coreos.com')
    return `@kubernetes-models/prometheus-operator/monitoring.coreos.com/${version}`;
  return group === '' ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`;
}

/** Structural CRD schema made strict: objects with declared properties accept nothing else. */
function strict(schema) {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, strict(value)]));
  if (
    copy.properties &&
    copy.additionalProperties === undefined &&
    !copy['x-kubernetes-preserve-unknown-fields']
  ) {
    copy.additionalProperties = false;
  }
  return copy;
}

const ajv = new Ajv({ strict: false, allErrors: true });
const strimzi = new Map();
for (const kind of ['Kafka', 'KafkaNodePool', 'KafkaTopic', 'KafkaUser']) {
  const vendored = JSON.parse(readFileSync(path.join(here, 'schemas', 'strimzi', `${kind}.json`), 'utf8'));
  const schema = strict(vendored.schema);
  // metadata is the API server's, not the CRD's.
  schema.properties.metadata = { type: 'object' };
  strimzi.set(`${vendored.group}/${vendored.version}/${kind}`, ajv.compile(schema));
}

async function validate(object) {
  const { apiVersion, kind } = object ?? {};
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return ['apiVersion and kind are required'];
  const crd = strimzi.get(`${apiVersion}/${kind}`);
  if (crd) {
    return crd(object)
      ? []
      : crd.errors.map(
          (error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`,
        );
  }
  let models;
  try {
    models = await import(modelModule(apiVersion));
  } catch {
    return [`no schema for ${apiVersion} ${kind}: vendor one (tools/deploy/k8s/validate-manifests.mjs)`];
  }
  const Model = models[kind];
  if (typeof Model !== 'function') return [`no schema for ${apiVersion} ${kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [error.message];
  }
}

const objects = JSON.parse(readFileSync(0, 'utf8'));
const problems = [];
for (const [index, object] of objects.entries()) {
  const errors = await validate(object);
  if (errors.length > 0) problems.push({ index, kind: object?.kind, name: object?.metadata?.name, errors });
}
process.stdout.write(`${JSON.stringify(problems)}\n`);
