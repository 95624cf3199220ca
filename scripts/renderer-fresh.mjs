// Builds the renderer only when its sources are newer than the last build, so
// that `npm run web` and `npm test` start quickly on a second run.
import fs from 'node:fs';
import path from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

export async function ensureRendererBuilt() {
  const built = 'dist/renderer/index.html';
  const sources = Math.max(newestMtime('renderer'), newestMtime('shared'), fs.statSync('vite.config.ts').mtimeMs);
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  console.error('正在构建界面（vite build）…');
  const { buildRenderer } = await import('./build.mjs');
  await buildRenderer();
}
