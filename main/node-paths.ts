/**
 * Paths of the source tree for the Node entry points (CLI, browser mode, tests),
 * found from the repository root so that they hold both when run from source
 * (tsx) and from the bundles in dist/node. The Electron build passes its own
 * (resources/migrations when packaged).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = repoRoot();
export const MIGRATIONS_DIR = path.join(REPO_ROOT, 'main', 'db', 'migrations');
export const RENDERER_DIST_DIR = path.join(REPO_ROOT, 'dist', 'renderer');
