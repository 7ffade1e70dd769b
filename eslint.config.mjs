// Module boundaries are enforced in two dimensions (scope x type); there is no `*` rule.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

const forbiddenInPure = ['@nestjs/*', 'typeorm', 'kafkajs', 'prom-client', 'pg', 'express'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'dist/**', '.platform/**', 'results/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:domain'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing', 'type:domain', 'type:infra'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:domain'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:domain'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'], bannedExternalImports: forbiddenInPure },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], bannedExternalImports: forbiddenInPure },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:event-ingest', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:templating', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:compliance', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:dispatch', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:receipts', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:simulator', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    // A service's domain/ folder is pure logic: no framework, no I/O clients.
    files: ['apps/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbiddenInPure.map((group) => ({ group: [group], message: 'domain/ is pure logic' })) }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'tools/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
