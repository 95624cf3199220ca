/**
 * `npm run web`: serve the built renderer and the services on 127.0.0.1 — this PC's own database, or with
 * `--server https://ADDRESS:PORT --pin CODE` the office server's, every call relayed over HTTPS to the pinned
 * certificate (main/transport/office-client.ts): the same client path as the desktop app's.
 */
import { AppError } from '../shared/contract/errors';
import { defaultDataDir } from './app';
import { MIGRATIONS_DIR, RENDERER_DIST_DIR } from './node-paths';
import { startWebServer } from './transport/http-server';
import { connectToServer, pairWithServer } from './transport/office-client';

const KNOWN = ['--data-dir', '--db', '--port', '--server', '--pin'];

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) if (!KNOWN.includes(args[i]!)) fail(`不认识的选项：${args[i]}（可用：${KNOWN.join(' ')}）`);
function flag(name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) fail(`选项 ${name} 后面缺少值`);
  return value;
}

const serverUrl = flag('--server');
const pin = flag('--pin');
const dbPath = flag('--db');
const port = flag('--port') ? Number(flag('--port')) : 0;
if (serverUrl && (dbPath || flag('--data-dir'))) fail('--server 使用办公室服务器上的数据，不能同时给 --data-dir 或 --db');
if (Boolean(serverUrl) !== Boolean(pin)) fail('--server 与 --pin 要一起给：服务器地址和它显示的配对码');

let remote;
if (serverUrl && pin) {
  try {
    remote = connectToServer(await pairWithServer(serverUrl, pin));
  } catch (error) {
    fail(error instanceof AppError ? error.message : `连接办公室服务器失败：${(error as Error).message}`);
  }
}
const dataDir = flag('--data-dir') ?? (dbPath || remote ? undefined : defaultDataDir());
const server = await startWebServer({ dataDir, dbPath, migrationsDir: MIGRATIONS_DIR, rendererDir: RENDERER_DIST_DIR, port, ...(remote ? { app: remote } : {}) });
console.log(`浏览器模式已启动（仅本机可访问）：${server.url}`);
console.log(remote ? `办公室服务器：${remote.url}（证书已按配对码核对）` : `数据文件：${server.app.dbPath}`);
console.log('按 Ctrl+C 停止。');
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
