// One lint setup. Beyond the usual rules it enforces where code runs (design.md, "Style"):
// src/shared is pure, src/core never sees Electron or React, the renderer never reaches main-only
// packages, and no file grows past 600 lines.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const MAIN_ONLY = ['better-sqlite3', 'node-onvif', 'fluent-ffmpeg', '@ffmpeg-installer/*', 'ws'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'bench/results.json', '**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'max-lines': ['error', { max: 600, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['src/shared/**'],
    rules: restrict(['node:*', 'electron', 'react', 'react-dom', '**/core/**', '**/renderer/**', '**/main/**', ...MAIN_ONLY], 'src/shared is pure: no Node, DOM, Electron or React.'),
  },
  {
    files: ['src/core/**', 'src/sim/**'],
    rules: restrict(['electron', 'react', 'react-dom', '**/renderer/**', '**/main/**', '**/preload/**'], 'The core runs in plain Node: no Electron, React or renderer code.'),
  },
  {
    files: ['src/renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(['node:*', 'electron', '**/core/**', '**/main/**', '**/sim/**', ...MAIN_ONLY], 'The renderer talks to the core only through the API contract.'),
    },
  },
  {
    files: ['src/preload/**'],
    rules: restrict(['**/core/**', '**/renderer/**', ...MAIN_ONLY], 'The preload exposes the bridge and nothing else.'),
  },
  {
    files: ['**/*.test.ts', 'test/**', 'bench/**', 'scripts/**'],
    rules: { 'max-lines': 'off', 'no-restricted-imports': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.*'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
  },
);
