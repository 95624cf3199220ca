// Lint: TypeScript rules plus the layer rule of docs/architecture.md §1 —
// shared/ imports only shared/ (and pure libraries); renderer/ never imports main/;
// main/ never imports renderer/; only main/electron/ may import electron; inside
// main/, db and files → security and services → router, transport, CLI, shell.
// The layer rule is a small local rule (below): the usual plugins need native
// resolver bindings for every platform, which this project's registry does not carry.
import path from 'node:path';
import tseslint from 'typescript-eslint';

const ROOT = path.dirname(new URL(import.meta.url).pathname);

/**
 * What each layer may not import: a folder (ending in "/") or a module (no
 * extension), relative to the root. Inside main/ the order is db and files →
 * security and services → the router, transport, CLI and Electron shell:
 * nothing runs back up, so a service can be used by every entry point and
 * the database layer by every service.
 */
const ENTRY_POINTS = {
  'main/transport/': 'services and the database layer may not import transport (the HTTP server uses them, not the other way).',
  'main/cli/': 'services and the database layer may not import the CLI (it is an entry point that uses them).',
  'main/electron/': 'only the Electron shell imports itself.',
  'main/router': 'the router dispatches to services; services may not import it.',
  'main/app': 'the app object assembles services; services may not import it.',
  'main/web': 'browser mode is an entry point; services may not import it.',
};
const FORBIDDEN = {
  shared: { 'main/': 'shared/ runs anywhere: it may not import main/.', 'renderer/': 'shared/ may not import renderer/.' },
  renderer: { 'main/': 'renderer/ talks to main only through the contract (shared/contract).' },
  main: { 'renderer/': 'main/ may not import renderer/.' },
  'main/db': {
    'main/services/': 'main/db/ is below the services: the database layer may not import a service.',
    'main/security/': 'main/db/ is below security: it may not import main/security/.',
    ...ENTRY_POINTS,
  },
  'main/files': { 'main/services/': 'main/files/ reads files for the services; it may not import them.', 'main/db/': 'main/files/ knows no database.', ...ENTRY_POINTS },
  'main/services': ENTRY_POINTS,
  'main/security': ENTRY_POINTS,
};

/** The layers a file belongs to: its top folder, and inside main/ its sub-folder too. */
function layersOf(rel) {
  const [top, sub] = rel.split('/');
  return top === 'main' && sub ? [top, `main/${sub.replace(/\.tsx?$/, '')}`] : [top];
}

function relativePath(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  return rel.startsWith('..') ? null : rel;
}

const matches = (target, rule) => (rule.endsWith('/') ? `${target}/`.startsWith(rule) : target === rule || target.replace(/\.tsx?$/, '') === rule);

const layers = {
  rules: {
    'no-cross-layer-import': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const from = relativePath(path.resolve(context.filename));
        const rules = from ? layersOf(from).flatMap((layer) => Object.entries(FORBIDDEN[layer] ?? {})) : [];
        if (rules.length === 0) return {};
        const check = (node) => {
          const source = node.source;
          if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
          const to = relativePath(path.resolve(path.dirname(path.resolve(context.filename)), source.value));
          const broken = to && rules.find(([rule]) => matches(to, rule));
          if (broken) context.report({ node: source, message: broken[1] });
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
    // A refusal says where it is in its problems (shared/contract/errors.ts): the screens read those, never the words of a message.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.property.name=/^(startsWith|includes|endsWith|match|test)$/][callee.object.property.name='message'], CallExpression[callee.property.name=/^(test|exec)$/] > MemberExpression.arguments[property.name='message']",
        message: 'Do not read a refusal by its words: place it by its problems (placeRefusal, refusalMessages in renderer/src/api/errors.ts).',
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
