// Lint: TypeScript rules plus the layer rule of ARCHITECTURE.md —
// shared/ imports only shared/ (and pure libraries); renderer/ never imports main/;
// only main/electron/ may import electron.
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'main/db/migrations/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'import-x/no-restricted-paths': ['error', {
        zones: [
          { target: './shared', from: './main', message: 'shared/ runs anywhere: it may not import main/.' },
          { target: './shared', from: './renderer', message: 'shared/ may not import renderer/.' },
          { target: './renderer', from: './main', message: 'renderer/ talks to main only through the contract (shared/contract).' },
          { target: './main', from: './renderer', message: 'main/ may not import renderer/.' },
        ],
      }],
    },
  },
  {
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'exceljs', 'electron'], message: 'shared/ and renderer/ run in the browser: no Node, database or Electron imports.' },
        ],
      }],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/electron/ may import electron (it cannot run on the build machines).' }] }],
    },
  },
);
