// ESLint flat config (house style rule 37): typescript-eslint's type-checked rules plus the house rules.
// Formatting is Prettier's job; eslint-config-prettier turns off every rule that would fight it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      '**/dist/**',
      '**/temp/**',
      '**/node_modules/**',
      '**/.turbo/**',
      'coverage/**',
      '.gpu/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message: 'Name every export (house style rule 13).',
        },
        {
          selector: 'ExportDefaultDeclaration',
          message: 'No default exports (house style rule 14).',
        },
        {
          selector: 'TSEnumDeclaration',
          message:
            'Use an `as const` object and a type of the same name (rule 10).',
        },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Relative imports name the file, `./wgsl-emitter.ts` (rule 9); packages are imported bare.
      'import-x/extensions': ['error', 'ignorePackages'],
      'import-x/no-duplicates': 'error',
    },
  },
  {
    // Inside a package, no file imports the package's own barrel (rule 13).
    files: ['packages/*/src/**/*.ts', 'tools/*/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\.?/(\\.\\./)*index\\.(ts|js)$',
              message: 'Import the concept file, not the barrel.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Plain JavaScript config: no types to check it against.
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Tool configuration files must default-export (rule 14's one exception).
    files: ['*.config.ts', '*.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  prettier,
  // After Prettier's config, which switches `curly` off; with "all" it never conflicts with formatting.
  { rules: { curly: ['error', 'all'] } },
);
