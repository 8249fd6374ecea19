import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

/** Import-direction rules: core is pure; app never reaches adapters; libraries never reach the service. */
const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
})

export default tseslint.config(
  { ignores: ['node_modules', 'ui/dist', 'data', 'coverage', 'tmp', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['appliance/core/**'],
    rules: forbid(['**/app/**', '**/db/**', '**/api/**', '**/realtime/**', '**/jobs/**', 'hono', 'hono/*', '@duckdb/*', 'node:*'], 'core is pure: no I/O, no adapters'),
  },
  {
    files: ['appliance/app/**'],
    rules: forbid(['**/db/**', '**/api/**', '**/realtime/**', 'hono', 'hono/*', '@duckdb/*'], 'use cases talk to ports, not adapters'),
  },
  {
    files: ['drivers/**', 'sync/**'],
    rules: forbid(['**/appliance/api/**', '**/appliance/db/**', '**/appliance/app/**'], 'drivers and sync are libraries'),
  },
  {
    files: ['ui/**'],
    rules: forbid(['**/appliance/core/**', '**/appliance/db/**', '**/appliance/app/**', '@duckdb/*', 'hono'], 'ui talks to the appliance only over HTTP and socket.io'),
  },
)
