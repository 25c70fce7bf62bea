#!/usr/bin/env node
// `ledgerhook` (and `npm run ops --`): the ops CLI from a checkout, its TypeScript source run in place
// with the workspace's path aliases. Built images run `node dist/apps/ops-cli/src/main.js` instead.
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
process.env.SWC_NODE_PROJECT = path.join(repoRoot, 'tsconfig.json');
require('@swc-node/register');
require(path.join(repoRoot, 'apps', 'ops-cli', 'src', 'main.ts'));
