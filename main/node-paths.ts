/**
 * Paths of the source tree for the Node entry points (CLI, browser mode, tests).
 * The Electron build passes its own (resources/migrations when packaged).
 */
import { fileURLToPath } from 'node:url';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./db/migrations', import.meta.url));
export const RENDERER_DIST_DIR = fileURLToPath(new URL('../dist/renderer', import.meta.url));
