/**
 * Bundles the Electron shell with esbuild:
 *   main/electron/main.ts    → dist/electron/main.cjs    (Node/CommonJS; electron and the native better-sqlite3 stay external)
 *   main/electron/preload.ts → dist/electron/preload.cjs (sandboxed preload: may only require('electron'))
 *
 * The preload gets the contract's method names baked in (esbuild `define`),
 * so it needs neither zod nor the schemas.
 *
 * Usage: `node scripts/build-electron.mjs`, or `import { buildElectron }`.
 */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'dist', 'electron');

/** Evaluates shared/contract/methods.ts (bundled in memory) and returns METHOD_NAMES. */
export async function contractMethodNames() {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['shared/contract/methods.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const names = mod.METHOD_NAMES;
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string')) {
    throw new Error('shared/contract/methods.ts: METHOD_NAMES is missing or empty');
  }
  return names;
}

/**
 * Files bundled into main.cjs that use import.meta. In a CJS bundle
 * import.meta.url/dirname/filename point at dist/electron/main.cjs (see the
 * define below), not at the source file — code that locates files relative to
 * itself must take the path as an option instead.
 */
async function filesUsingImportMeta(metafile) {
  const hits = [];
  for (const input of Object.keys(metafile.inputs)) {
    if (input.includes('node_modules')) continue;
    const text = await readFile(path.join(ROOT, input), 'utf8').catch(() => '');
    if (/\bimport\.meta\b/.test(text)) hits.push(input);
  }
  return hits;
}

export async function buildElectron({ quiet = false } = {}) {
  const log = quiet ? () => {} : (msg) => console.log(msg);
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    legalComments: 'none',
  };

  const main = await build({
    ...common,
    entryPoints: ['main/electron/main.ts'],
    outfile: path.join(OUT_DIR, 'main.cjs'),
    external: ['electron', 'better-sqlite3'],
    metafile: true,
    // import.meta does not exist in CommonJS: give it the bundle's own location
    // (dist/electron/main.cjs) instead of `undefined`.
    banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    define: {
      'import.meta.url': '__import_meta_url',
      'import.meta.dirname': '__dirname',
      'import.meta.filename': '__filename',
    },
  });
  const metaUsers = await filesUsingImportMeta(main.metafile);
  if (metaUsers.length > 0) {
    console.warn(
      `build-electron: import.meta in ${metaUsers.join(', ')} — in dist/electron/main.cjs it refers to the bundle, not the source file.`,
    );
  }

  const methodNames = await contractMethodNames();
  await build({
    ...common,
    entryPoints: ['main/electron/preload.ts'],
    outfile: path.join(OUT_DIR, 'preload.cjs'),
    platform: 'browser', // runs in the renderer's sandbox, not in Node
    external: ['electron'],
    define: { __SANFANG_METHOD_NAMES__: JSON.stringify(methodNames) },
    metafile: true,
  }).then((preload) => {
    const inputs = Object.keys(preload.metafile.inputs);
    const stray = inputs.filter((i) => i !== 'main/electron/preload.ts' && !i.startsWith('<define:'));
    if (stray.length > 0) throw new Error(`preload must import only 'electron', but bundles: ${stray.join(', ')}`);
  });

  log(`build-electron: dist/electron/main.cjs, dist/electron/preload.cjs (${methodNames.length} contract methods)`);
  return { outDir: OUT_DIR, methodNames, importMetaUsers: metaUsers };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  buildElectron().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
