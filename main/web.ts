/** `npm run web`: serve the built renderer and the services on 127.0.0.1. */
import { defaultDataDir } from './app';
import { MIGRATIONS_DIR, RENDERER_DIST_DIR } from './node-paths';
import { startWebServer } from './transport/http-server';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dbPath = flag('--db');
const dataDir = flag('--data-dir') ?? (dbPath ? undefined : defaultDataDir());
const port = flag('--port') ? Number(flag('--port')) : 0;
const server = await startWebServer({ dataDir, dbPath, migrationsDir: MIGRATIONS_DIR, rendererDir: RENDERER_DIST_DIR, port });
console.log(`浏览器模式已启动（仅本机可访问）：${server.url}`);
console.log(`数据文件：${server.app.dbPath}`);
console.log('按 Ctrl+C 停止。');
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
