// @ts-check
// Type-aware lint, of the TypeScript sources and of the .mjs tools (typed by JSDoc).
// `no-floating-promises` is an error: an unawaited promise in a safety path is a rollback that
// may never run.
import tseslint from 'typescript-eslint';

/** @type {import('eslint').Linter.RulesRecord} */
const TYPE_AWARE_RULES = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': 'error',
  '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', '.demo/**', 'test/fixtures/**', '.scratch/**', '**/*.cjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: TYPE_AWARE_RULES,
  },
  {
    files: ['**/*.mjs'],
    languageOptions: {
      parserOptions: { project: './tsconfig.scripts.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: TYPE_AWARE_RULES,
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'server/ never imports vscode.' }] }],
    },
  },
  {
    // The client talks to the server through the protocol; what both sides need is in shared/.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/server'], message: 'src/ imports only shared/ from outside src/ (the analysis and the engine run in the server).' }] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'shared/ is imported by both sides: no vscode.' }],
        patterns: [{ group: ['**/server/**', '**/src/**'], message: 'shared/ imports neither side.' }],
      }],
    },
  },
);
