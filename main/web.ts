/**
 * `npm run web`: serve the built renderer and the services on 127.0.0.1 through this PC's workstation
 * (main/transport/workstation.ts), as the desktop app does: this PC's own database, or the office server chosen on
 * the first screen (连接到办公室服务器). `--server https://ADDRESS:PORT --pin CODE` makes that choice at the start —
 * paired before anything opens, every call then relayed over HTTPS to the pinned certificate — and it is
 * remembered in the data folder like the screen's.
 */
import { AppError } from '../shared/contract/errors';
import { defaultDataDir } from './app';
import { MIGRATIONS_DIR, RENDERER_DIST_DIR } from './node-paths';
import { startWebServer } from './transport/http-server';
import { pairWithServer, type OfficeLink } from './transport/office-client';
import { createWorkstation } from './transport/workstation';

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
if (Boolean(serverUrl) !== Boolean(pin)) fail('--server 与 --pin 要一起给：服务器地址和它显示的配对码');

let link: OfficeLink | undefined;
if (serverUrl && pin) {
  try {
    link = await pairWithServer(serverUrl, pin);
  } catch (error) {
    fail(error instanceof AppError ? error.message : `连接办公室服务器失败：${(error as Error).message}`);
  }
}
const dataDir = flag('--data-dir') ?? (dbPath ? undefined : defaultDataDir());
const workstation = await createWorkstation({ dataDir, dbPath, migrationsDir: MIGRATIONS_DIR, ...(link ? { link } : {}) });
const server = await startWebServer({ rendererDir: RENDERER_DIST_DIR, migrationsDir: MIGRATIONS_DIR, port, app: workstation });
const status = workstation.status();
console.log(`浏览器模式已启动（仅本机可访问）：${server.url}`);
console.log(status.server ? `办公室服务器：${status.server}（证书已按配对码核对）` : `数据文件：${workstation.dbPath}`);
if (status.hosting) {
  console.log('本机作为办公室服务器：');
  for (const address of status.hosting.addresses) console.log(`地址：${address}`);
  console.log(`配对码：${status.hosting.pairingCode}`);
}
if (status.hostingProblem) console.log(`本机作为办公室服务器没有启动（${status.hostingProblem.listen}）：${status.hostingProblem.message}`);
console.log('按 Ctrl+C 停止。');
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
