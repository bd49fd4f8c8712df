// ESLint 9 flat config. Fast on purpose: typescript-eslint's recommended rules without type
// information (`tsc` in `npm run typecheck` does the type checking).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node's globals for plain .js/.mjs files (TypeScript files get them from @types/node). */
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'AbortController',
    'fetch',
    'performance',
    'structuredClone',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'queueMicrotask',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/.data/',
    '**/coverage/',
    'apps/server/migrations/',
    // Generated from the OpenAPI document (arrives later): not hand-written, not linted.
    'packages/client/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // ARCHITECTURE.md: "Config is read once in config.ts; no process.env elsewhere."
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Read configuration only in apps/server/src/config.ts (loadConfig) and pass the typed Config down.',
        },
      ],
    },
  },

  // Where the environment may be read: the config module, test code, benchmarks, scripts and tool configs.
  {
    files: [
      'apps/server/src/config.ts',
      'apps/server/src/test/**',
      '**/*.test.ts',
      'bench/**',
      'scripts/**',
      'apps/*/scripts/**',
      '**/*.config.{js,mjs,cjs,ts,mts}',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },

  // STYLE.md #6: modules own their data. From inside a module, another module is reachable only
  // through its public index.ts (imported as '../<other>/index.js').
  {
    files: ['apps/server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // '../<other>/<anything but index.js>' ('../..' is not a module, so it stays allowed).
              regex: '^\\.\\./(?!\\.\\.?/)[^/]+/(?!index\\.js$).+',
              message:
                "Import another module only through its public API: '../<module>/index.js' (STYLE.md #6: modules own their data).",
            },
            {
              // The same, reached by climbing to src/ first: '../../modules/<other>/service.js'.
              regex: '^(\\.\\./)+modules/[^/]+/(?!index\\.js$).+',
              message:
                "Import another module only through its public API: '../<module>/index.js' (STYLE.md #6: modules own their data).",
            },
          ],
        },
      ],
    },
  },
);
