// ESLint flat config: typescript-eslint's type-aware recommended rules everywhere, React hooks
// and accessibility rules for the renderer, and the architecture's layers (eslint/layers.js).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';
import layers from './eslint/layers.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'test-results/',
      'test/artifacts/',
      'test/fixtures/',
      'resources/',
      'bench/results/',
      '.scratch/',
      '.cache/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { layers },
    rules: {
      'layers/shared': 'error',
      'layers/renderer': 'error',
      'layers/core': 'error',
      'layers/preload': 'error',
      'layers/shells': 'error',
      // `_name` marks a parameter kept for a signature.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // A React Compiler hint (we do not compile with it): TanStack Table's hooks return fresh
      // functions by design.
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    // Tests and benchmarks read JSON that the CLI and the API print (JSON.parse gives `any`)
    // and assert its shape with expect(); typing every parsed document would add casts, not
    // safety. The engine and the UI keep these rules.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // Plain JavaScript (scripts, the CLI launcher, this config): no type information.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
);
