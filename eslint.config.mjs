import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.cache/**', '.nx/**', 'tmp/**', 'coverage/**'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      // Apps may import libs, never other apps; libs never import apps. Libraries form layers that
      // import downwards only: contracts <- platform <- database <- kafka <- consumer <- operations <- apps.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:lib'] },
            // End-to-end suites run the apps as processes; they import libs only, never an app.
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'layer:contracts', onlyDependOnLibsWithTags: ['layer:contracts'] },
            {
              // Clients of providers' APIs: configuration and logging only.
              sourceTag: 'layer:client',
              onlyDependOnLibsWithTags: ['layer:contracts', 'layer:platform', 'layer:client'],
            },
            { sourceTag: 'layer:platform', onlyDependOnLibsWithTags: ['layer:contracts', 'layer:platform'] },
            {
              sourceTag: 'layer:database',
              onlyDependOnLibsWithTags: ['layer:contracts', 'layer:platform', 'layer:database'],
            },
            {
              sourceTag: 'layer:kafka',
              onlyDependOnLibsWithTags: [
                'layer:contracts',
                'layer:platform',
                'layer:database',
                'layer:kafka',
              ],
            },
            {
              sourceTag: 'layer:consumer',
              onlyDependOnLibsWithTags: [
                'layer:contracts',
                'layer:platform',
                'layer:database',
                'layer:kafka',
                'layer:consumer',
              ],
            },
            {
              // What operators run (CLI, console): may stand on every platform layer.
              sourceTag: 'layer:operations',
              onlyDependOnLibsWithTags: [
                'layer:contracts',
                'layer:platform',
                'layer:database',
                'layer:kafka',
                'layer:consumer',
                'layer:client',
                'layer:operations',
              ],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-console': 'error',
    },
  },
  {
    // Nest resolves constructor parameters from emitted type metadata, so injected classes
    // must stay value imports; type-only imports would erase them.
    files: ['apps/**/*.ts', 'libs/**/*.module.ts', 'libs/**/*.controller.ts', 'libs/**/*.service.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'tools/**',
      'bench/**',
      'e2e/**',
      '**/scripts/**',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
  prettier,
);
