// `npm run build`: the renderer (vite → dist/renderer) and the Electron main and
// preload bundles (esbuild → dist/electron). Importable: start.mjs and dist.mjs call build().
import { pathToFileURL } from 'node:url';
import { build as viteBuild } from 'vite';
import { buildElectron } from './build-electron.mjs';

export async function buildRenderer() {
  await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
}

export async function build() {
  await buildRenderer();
  await buildElectron();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await build();
  console.error('构建完成：dist/renderer, dist/electron');
}
