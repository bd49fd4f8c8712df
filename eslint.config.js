// ESLint 9 flat config. Fast on purpose: typescript-eslint's recommended rules without type
// information (`tsc` in `npm run typecheck` does the type checking).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

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
    // Generated from the OpenAPI document by `npm run generate`: not hand-written, not linted.
    'packages/client/src/schema.d.ts',
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
      'apps/web/e2e/**',
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

  // The web app (apps/web): browser code, React hooks rules, and STYLE.md #14's layering:
  // app → features → shared (components, lib), with no imports between features.
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  ...[1, 2, 3].map((depth) => {
    const up = (n) => '\\.\\./'.repeat(n);
    return {
      files: [`apps/web/src/features/*/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                // Climbing exactly to features/ and down again reaches another feature.
                regex: `^${up(depth)}(?!\\.\\.)`,
                message: 'Features do not import each other (STYLE.md #14): compose them in src/app.',
              },
              {
                regex: `^${up(depth + 1)}app/`,
                message: 'Features do not import the app layer (STYLE.md #14).',
              },
            ],
          },
        ],
      },
    };
  }),
  {
    files: ['apps/web/src/components/**/*.{ts,tsx}', 'apps/web/src/lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(features|app)/',
              message: 'Shared code (components, lib) does not import features or the app (STYLE.md #14).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/public/sw.js'],
    languageOptions: {
      globals: {
        self: 'readonly',
        caches: 'readonly',
        fetch: 'readonly',
        Response: 'readonly',
        URL: 'readonly',
      },
    },
  },
);
