/**
 * `npm start`: finds the Electron runtime, builds the app (scripts/build.mjs:
 * renderer + Electron shell), and runs Electron on the project folder
 * (package.json "main" → dist/electron/main.cjs).
 *
 * Electron 45's npm package fetches its binary on first run, not at install
 * time (node_modules/electron/install.js; path.txt then names the executable
 * under node_modules/electron/dist/). This script looks first and downloads
 * once if needed (ELECTRON_MIRROR etc. are honoured by @electron/get), before
 * spending time on the build. Where no runtime can be had it prints one line
 * and exits 1; browser mode (`npm run web`) needs no Electron.
 *
 * Flags: --verbose shows the downloader's output. Other arguments go to Electron.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOWNLOAD_TIMEOUT_MS = 180_000;

export const NO_ELECTRON_MESSAGE =
  '未找到 Electron 运行时（本机无法下载 Electron）。请改用浏览器模式：npm run web ' +
  '/ Electron runtime not found and it cannot be downloaded here; use browser mode: npm run web';

/** node_modules/electron, or null when the package is not installed. */
function electronPackageDir() {
  try {
    return path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function defaultExecutableName() {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (process.platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** The executable the electron package points at, if it exists on disk. */
function installedExecutable(pkgDir) {
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, relative || defaultExecutableName())
    : relative
      ? path.join(pkgDir, 'dist', relative)
      : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

/** Runs the electron package's own installer (download + unzip), bounded in time. */
function runElectronInstaller(pkgDir, { verbose }) {
  const installer = path.join(pkgDir, 'install.js');
  if (!existsSync(installer)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], {
      cwd: pkgDir,
      stdio: verbose ? 'inherit' : 'ignore',
      env: process.env,
    });
    // Only mention the download if it is actually taking time (a real download).
    const notice = setTimeout(() => console.error('正在下载 Electron 运行时… / Downloading the Electron runtime…'), 3000);
    const timer = setTimeout(() => child.kill(), DOWNLOAD_TIMEOUT_MS);
    const finish = (ok) => {
      clearTimeout(notice);
      clearTimeout(timer);
      resolve(ok);
    };
    child.on('error', () => finish(false));
    child.on('exit', (code) => finish(code === 0));
  });
}

/** Path of the Electron executable, downloading it once if needed; null if none can be had. */
export async function locateElectron({ download = true, verbose = false } = {}) {
  const pkgDir = electronPackageDir();
  if (!pkgDir) return null;
  const found = installedExecutable(pkgDir);
  if (found || !download) return found;
  return (await runElectronInstaller(pkgDir, { verbose })) ? installedExecutable(pkgDir) : null;
}

async function main() {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const electronArgs = args.filter((a) => a !== '--verbose');

  const electron = await locateElectron({ verbose });
  if (!electron) {
    console.error(NO_ELECTRON_MESSAGE);
    process.exit(1);
  }

  const { build } = await import('./build.mjs');
  await build();

  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make Electron behave as plain Node
  const child = spawn(electron, [ROOT, ...electronArgs], { cwd: ROOT, stdio: 'inherit', env, windowsHide: false });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    console.error(`无法启动 Electron / cannot start Electron: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
