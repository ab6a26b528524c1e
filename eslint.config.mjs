// ESLint flat config: typed rules, layer fences, no console in the server (stdout is the LSP channel).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'server/src/generated/**', '.local/**', '.vscode-test/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'The language service is pure: no VS Code API here.' },
          { name: 'vscode-languageserver', message: 'The language service has no transport: use vscode-languageserver-types.' },
          { name: 'vscode-languageserver/node', message: 'The language service has no transport: use vscode-languageserver-types.' },
        ],
        patterns: [{ group: ['**/server', '../server', '**/cli/**'], message: 'The service must not import the transport or the CLI.' }],
      }],
      'no-console': 'error',
      'no-restricted-syntax': ['error', {
        selector: "NewExpression[callee.name='WeakMap']",
        message: 'Keep values computed from a model, stage, document or rule context on it (derived.ts): V8\'s minor GC keeps WeakMap values alive after their keys die. A WeakMap is right only for keys that outlive many validations; say so in an eslint-disable comment.',
      }],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/cli/**'],
    rules: { 'no-console': 'error' },
  },
);
