import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

// The Nx module-boundary rule is what keeps apps independent: this proves it really fires with the
// workspace's own ESLint config and project graph (it silently skips when no graph is cached).
const root = path.resolve(__dirname, '..', '..');

/** Lints `source` as if it were `file`, in a child process (ESLint loads its ESM config natively). */
async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const eslint = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/eslint/bin/eslint.js'),
      '--stdin',
      '--stdin-filename',
      file,
      '--format',
      'json',
    ],
    { cwd: root, input: source, encoding: 'utf8' },
  );
  const [result] = JSON.parse(eslint.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === '@nx/enforce-module-boundaries')
    .map((message) => message.message);
}

describe('Nx module boundaries', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], {
      cwd: root,
      stdio: 'ignore',
    });
  });

  it('forbids an app importing another app', async () => {
    const errors = await boundaryErrors(
      'apps/ingress/src/boundary-probe.ts',
      "import { IncomeScorerModule } from '../../income-scorer/src/income-scorer.module';\nexport const probe = IncomeScorerModule;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('allows an app importing a lib through its alias', async () => {
    const errors = await boundaryErrors(
      'apps/ingress/src/boundary-probe.ts',
      "import { TOPICS } from '@ledgerhook/contracts';\nexport const probe = TOPICS;\n",
    );
    expect(errors).toEqual([]);
  });

  it('forbids a lib importing an app', async () => {
    const errors = await boundaryErrors(
      'libs/kafka/src/boundary-probe.ts',
      "import { IngressModule } from '../../../apps/ingress/src/ingress.module';\nexport const probe = IngressModule;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });
});
