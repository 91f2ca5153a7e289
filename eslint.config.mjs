// `npm run lint`, part one: ESLint with Next.js's rules (core web vitals) and typescript-eslint's recommended set.
// Layout is Prettier's job (.prettierrc); the only layout rule here is max-len, for what Prettier cannot wrap.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    '.next/**',
    '.next-*/**',
    'node_modules/**',
    'lib/generated/**',
    'next-env.d.ts',
    'tests/fixtures/**',
    'test-results/**',
    'playwright-report/**',
    '.data/**',
  ]),
  {
    rules: {
      // Prettier wraps code at 120; strings, comments, template literals and regexes it leaves alone.
      'max-len': ['error', { code: 120, tabWidth: 2, ignoreUrls: true }],
      // `_`-prefixed names are the way to say "unused on purpose" (a destructured field dropped, a callback arity).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Dashboard reads go through useApiQuery (components/hooks/useApiQuery.ts): it keeps hydration matching the server.
    files: ['components/**', 'app/**'],
    ignores: ['components/hooks/useApiQuery.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@tanstack/react-query',
              importNames: ['useQuery', 'useSuspenseQuery', 'useInfiniteQuery', 'useQueries'],
              message: 'Use useApiQuery from components/hooks/useApiQuery.ts (hydration-safe).',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read arbitrary JSON answers and poke into payloads the types don't describe: `any` is honest there.
    files: ['tests/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
]);
