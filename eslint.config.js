// Lint: TypeScript rules plus the layer rule of ARCHITECTURE.md —
// shared/ imports only shared/ (and pure libraries); renderer/ never imports main/;
// main/ never imports renderer/; only main/electron/ may import electron.
// The layer rule is a small local rule (below): the usual plugins need native
// resolver bindings for every platform, which this project's registry does not carry.
import path from 'node:path';
import tseslint from 'typescript-eslint';

const ROOT = path.dirname(new URL(import.meta.url).pathname);

/** Which layers each top-level folder may not import from. */
const FORBIDDEN = {
  shared: { main: 'shared/ runs anywhere: it may not import main/.', renderer: 'shared/ may not import renderer/.' },
  renderer: { main: 'renderer/ talks to main only through the contract (shared/contract).' },
  main: { renderer: 'main/ may not import renderer/.' },
};

function topFolder(file) {
  const rel = path.relative(ROOT, file);
  return rel.startsWith('..') ? null : rel.split(path.sep)[0];
}

const layers = {
  rules: {
    'no-cross-layer-import': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const from = topFolder(path.resolve(context.filename));
        const forbidden = FORBIDDEN[from];
        if (!forbidden) return {};
        const check = (node) => {
          const source = node.source;
          if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
          const to = topFolder(path.resolve(path.dirname(path.resolve(context.filename)), source.value));
          if (to && forbidden[to]) context.report({ node: source, message: forbidden[to] });
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'main/db/migrations/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { layers },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'layers/no-cross-layer-import': 'error',
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
