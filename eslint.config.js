// Lint of tenant-guard's own code. The example apps are linted by tenant-guard itself (in the tests), not here:
// they contain leaks on purpose and import packages that are not installed.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**', 'tests/fixtures/**', 'tests/codemods/__fixtures__/**', '.bench/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
