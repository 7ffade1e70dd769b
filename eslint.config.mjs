// Module boundaries are enforced in two dimensions (scope x type); there is no `*` rule.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import globals from 'globals';

const forbiddenInPure = ['@nestjs/*', 'typeorm', 'kafkajs', 'prom-client', 'pg', 'express'];
// The folders of a service besides domain/ (docs/services.md, "Layout").
const layerFolders = ['application', 'adapters', 'carriers', 'handlers', 'http'];
// The one exception to "only libs/kafka imports kafkajs": the bench's contenders measure the raw client
// against Herald's engine, and two deploy checks speak to the broker's ACL API as an operator would.
const kafkajsContenders = [
  'tools/bench/kafka-contenders.ts',
  'tools/bench/kafka-engine.bench.ts',
  'tools/bench/bench-kafka.ts',
  'tools/bench/raw-hop.main.ts',
  'tools/bench/alt-stage.main.ts',
  'tools/deploy-checks/kafka-acl-bindings.ts',
  'tools/deploy-checks/kafka-sasl-ssl.int-spec.ts',
];
const scopes = [
  'event-ingest',
  'templating',
  'compliance',
  'dispatch',
  'receipts',
  'simulator',
  'e2e',
  'tools',
  'console',
];

// Tests may also use the test harness (type:testing); production code may not.
function boundaries(forTests) {
  const t = (tags) => (forTests ? [...tags, 'type:testing'] : tags);
  return {
    enforceBuildableLibDependency: false,
    // tools/ drives the services from outside, the only imports of app code outside its app: the deploy
    // checks read every service's config class (the source of the generated manifests and .env.example),
    // the bench runs the e2e suite's pipeline support, the CLI's chain specs start event-ingest in-process.
    allow: [
      '^\\.\\./\\.\\./apps/[a-z-]+/src/[a-z-]+\\.config$',
      '^\\.\\./\\.\\./apps/pipeline-e2e/src/support/[a-z0-9-]+$',
      '^\\.\\./\\.\\./apps/event-ingest/src/spec-support/[a-z0-9-]+$',
    ],
    depConstraints: [
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: t(['type:contracts', 'type:infra', 'type:domain']),
        bannedExternalImports: ['kafkajs'],
      },
      {
        sourceTag: 'type:e2e',
        onlyDependOnLibsWithTags: ['type:contracts', 'type:testing', 'type:domain', 'type:infra', 'type:tools'],
      },
      {
        sourceTag: 'type:tools',
        onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:domain', 'type:testing', 'type:tools'],
      },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:domain'] },
      { sourceTag: 'type:infra', onlyDependOnLibsWithTags: t(['type:contracts', 'type:infra', 'type:domain']) },
      {
        sourceTag: 'type:domain',
        onlyDependOnLibsWithTags: t(['type:contracts', 'type:domain']),
        bannedExternalImports: forTests ? [] : forbiddenInPure,
      },
      {
        sourceTag: 'type:contracts',
        onlyDependOnLibsWithTags: t([]),
        bannedExternalImports: forTests ? [] : forbiddenInPure,
      },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      ...scopes.map((scope) => ({ sourceTag: `scope:${scope}`, onlyDependOnLibsWithTags: ['scope:shared'] })),
    ],
  };
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'dist/**', '.platform/**', 'results/**', '**/*.mjs', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      '@nx/enforce-module-boundaries': ['error', boundaries(false)],
    },
  },
  {
    // Only libs/kafka talks to kafkajs (the client is in maintenance mode and must stay swappable);
    // everyone else uses @herald/kafka, which re-exports the client types callers hold.
    files: ['**/*.ts'],
    ignores: ['libs/kafka/**', ...kafkajsContenders],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'kafkajs', message: 'only libs/kafka imports kafkajs; use @herald/kafka' }] },
      ],
    },
  },
  {
    // A service's domain/ folder is pure logic: no framework, no I/O clients.
    files: ['apps/*/src/domain/**/*.ts', 'apps/*/src/*/domain/**/*.ts', 'libs/*/src/lib/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbiddenInPure.map((group) => ({ group: [group], message: 'domain/ is pure logic' })),
            { group: layerFolders.map((f) => `**/${f}/**`), message: 'domain/ imports no other layer of its service' },
          ],
          // @herald/smpp is infra (it opens sockets); domain/ may use its pure codecs, not a session.
          paths: [
            {
              name: '@herald/smpp',
              importNames: ['SmppSession', 'ReconnectingSmppClient', 'tcpTransport'],
              message: 'domain/ is pure logic: no SMPP session or socket',
            },
          ],
        },
      ],
    },
  },
  {
    // A service's use cases (application/) are called by its handlers and controllers, never the reverse.
    files: ['apps/*/src/application/**/*.ts', 'apps/*/src/*/application/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kafkajs', message: 'only libs/kafka imports kafkajs; use @herald/kafka' }],
          patterns: [
            {
              group: ['**/handlers/**', '**/http/**'],
              message: 'application/ is called by handlers/ and http/, it does not import them',
            },
          ],
        },
      ],
    },
  },
  {
    // Platform and CI scripts are plain CommonJS so they run before anything is built.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, ...globals.jest } },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
  {
    // Specs, their spec-support/ folders (excluded from the build) and bench drivers may use the test harness.
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      '**/spec-support/**/*.ts',
      'apps/*/src/bench/**/*.ts',
      'tools/**/*.ts',
    ],
    rules: { 'no-console': 'off', '@nx/enforce-module-boundaries': ['error', boundaries(true)] },
  },
);
