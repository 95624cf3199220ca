// Node entry points (the CLI, browser mode) run from esbuild bundles in dist/node,
// rebuilt automatically when a source under main/ or shared/ is newer. Running
// TypeScript through tsx instead costs about a second at every start.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Bundle `entry` (e.g. 'main/cli/index.ts') to dist/node/<name>.mjs if stale; returns its file URL. */
export async function ensureNodeBundle(entry, name) {
  const out = path.join(ROOT, 'dist', 'node', `${name}.mjs`);
  const sources = Math.max(newestSource(path.join(ROOT, 'main')), newestSource(path.join(ROOT, 'shared')), fs.statSync(path.join(ROOT, 'package-lock.json')).mtimeMs);
  if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < sources) {
    // Written to a temporary name and renamed, so that two processes building at once never read half a file.
    const tmp = `${out}.${process.pid}.tmp.mjs`;
    await build({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // The native module stays outside; everything else is bundled so that CommonJS
      // libraries (ExcelJS) load lazily, only when a command needs them.
      external: ['better-sqlite3'],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'error',
    });
    fs.renameSync(tmp, out);
  }
  return pathToFileURL(out).href;
}
