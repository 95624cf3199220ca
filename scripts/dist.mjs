/**
 * `npm run dist [-- electron-builder flags]`: installers for the current
 * platform (or the flags given, e.g. `-- --win`, `-- --linux deb`), written
 * to release/ according to electron-builder.yml.
 *
 *   1. build (scripts/build.mjs: renderer + Electron shell);
 *   2. `electron-builder install-app-deps`: rebuild better-sqlite3 for
 *      Electron's ABI (not Node's);
 *   3. `electron-builder --publish never <flags>`;
 *   4. always, even after a failure: `npm rebuild better-sqlite3`, so tests
 *      and the CLI get a Node-ABI module back.
 *
 * Needs internet (Electron and NSIS/AppImage tools are downloaded) and is
 * best run on the target OS: native modules are compiled for the OS it runs on.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const ARCH_FLAGS = ['x64', 'ia32', 'armv7l', 'arm64', 'universal'];

function run(command, args, { shell = false } = {}) {
  console.log(`\n> ${[command, ...args].join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', shell });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args[0] ?? ''} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

/** electron-builder's CLI, run with this Node (no .cmd shims on Windows). */
function electronBuilder(args) {
  return run(process.execPath, [require.resolve('electron-builder/cli.js'), ...args]);
}

/** npm itself: the one running this script when started with `npm run dist`. */
function npm(args) {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.(c?js|mjs)$/.test(npmCli)) return run(process.execPath, [npmCli, ...args]);
  return run(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { shell: process.platform === 'win32' });
}

async function main() {
  const builderArgs = process.argv.slice(2);
  // Rebuild native modules for the architecture being packaged (e.g. `-- --win --ia32`).
  const arch = ARCH_FLAGS.find((a) => builderArgs.includes(`--${a}`) && a !== 'universal');
  let failed = null;
  try {
    const { build } = await import('./build.mjs');
    await build();
    await electronBuilder(['install-app-deps', ...(arch ? ['--arch', arch] : [])]);
    await electronBuilder(['--publish', 'never', ...builderArgs]);
    console.log('\n安装包已生成到 release/ / Installers written to release/');
  } catch (err) {
    failed = err;
  } finally {
    try {
      await npm(['rebuild', 'better-sqlite3']);
    } catch (err) {
      console.error(
        '\n警告：better-sqlite3 未能重新编译为 Node 版本，测试与命令行将无法打开数据库；请手动运行 npm rebuild better-sqlite3' +
          ' / WARNING: could not rebuild better-sqlite3 for Node; run `npm rebuild better-sqlite3` by hand.',
      );
      failed ??= err;
    }
  }
  if (failed) {
    console.error(`\n打包失败 / packaging failed: ${failed instanceof Error ? failed.message : failed}`);
    process.exit(1);
  }
}

main();
