import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

// The layer rule (eslint.config.mjs) is only as good as its configuration: lint code that breaks it,
// as `npm run lint` would, and expect the Nx boundary rule to refuse it.
const root = path.resolve(__dirname, '../..');

/** Lints `code` as if it were `filePath`, with the real ESLint CLI and config (ESM, so a child). */
function boundaryErrors(filePath: string, code: string): string[] {
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/eslint/bin/eslint.js'),
      '--format',
      'json',
      '--stdin',
      '--stdin-filename',
      filePath,
    ],
    { cwd: root, input: code, encoding: 'utf8' },
  );
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === '@nx/enforce-module-boundaries')
    .map((message) => message.message);
}

describe('library layers', () => {
  beforeAll(() => {
    // The rule reads Nx's project graph; `npm run lint` builds it the same way first.
    execFileSync(process.execPath, [path.join(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], {
      cwd: root,
      stdio: 'ignore',
    });
  });

  // Imports up to a layer that does not itself depend on the importer: only the layer rule stops them.
  it.each([
    ['libs/contracts/src/layer-probe.ts', "import { createLogger } from '@ledgerhook/platform';"],
    ['libs/database/src/layer-probe.ts', "import { KafkaModule } from '@ledgerhook/kafka';"],
  ])('refuses an upward import from %s by its layer', (file, importLine) => {
    const errors = boundaryErrors(file, `${importLine}\nexport const probe = 1;\n`);
    expect(errors.join('\n')).toMatch(/tagged with "layer:/);
  });

  // Imports up to a layer that depends on the importer are refused too (as a cycle, reported first).
  it.each([
    ['libs/platform/src/layer-probe.ts', "import { DatabaseModule } from '@ledgerhook/database';"],
    ['libs/kafka/src/layer-probe.ts', "import { ConsumerModule } from '@ledgerhook/consumer';"],
  ])('refuses an upward import from %s', (file, importLine) => {
    expect(boundaryErrors(file, `${importLine}\nexport const probe = 1;\n`)).not.toEqual([]);
  });

  it('accepts a downward import', () => {
    const errors = boundaryErrors(
      'libs/consumer/src/layer-probe.ts',
      "import { TOPICS } from '@ledgerhook/contracts';\nexport const probe = TOPICS;\n",
    );
    expect(errors).toEqual([]);
  });
});
