/**
 * `npm run serve -- --listen ADDRESS:PORT [--data-dir DIR | --db FILE]`: this PC as the office server (issue 17).
 * Prints `地址：https://…` and `配对码：…` on lines of their own once it listens (the README and the tests read them).
 */
import { defaultDataDir, openApp } from './app';
import { MIGRATIONS_DIR } from './node-paths';
import { parseListen, startOfficeServer } from './transport/office-server';
import { ensureServerCertificate } from './transport/server-certificate';
import { addressesOf, listenFailure } from './transport/office-hosting';

const USAGE = '用法：npm run serve -- --listen 地址:端口 [--data-dir 文件夹 | --db 数据文件]\n例如：npm run serve -- --listen 192.168.1.20:8443   （0.0.0.0:8443 表示本机所有网络地址）';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function parseArgs(argv: readonly string[]): { listen: string; dataDir?: string; dbPath?: string } {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]!;
    if (!['--listen', '--data-dir', '--db'].includes(name)) fail(`不认识的选项：${name}\n${USAGE}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) fail(`选项 ${name} 后面缺少值\n${USAGE}`);
    if (out[name] !== undefined) fail(`选项 ${name} 只能给一次`);
    out[name] = value;
  }
  if (!out['--listen']) fail(`缺少 --listen：服务器在哪个地址和端口上等待连接\n${USAGE}`);
  if (out['--data-dir'] && out['--db']) fail('--data-dir 与 --db 只能给一个');
  return { listen: out['--listen'], ...(out['--data-dir'] ? { dataDir: out['--data-dir'] } : {}), ...(out['--db'] ? { dbPath: out['--db'] } : {}) };
}

const args = parseArgs(process.argv.slice(2));
const listen = parseListen(args.listen) ?? fail(`--listen 应为 地址:端口，例如 192.168.1.20:8443；收到的是「${args.listen}」`);
const app = await openApp({ dataDir: args.dataDir ?? (args.dbPath ? undefined : defaultDataDir()), dbPath: args.dbPath, migrationsDir: MIGRATIONS_DIR });
const certificate = await ensureServerCertificate(app.dataDir, [listen.host]);
let server;
try {
  server = await startOfficeServer({ app, certificate, host: listen.host, port: listen.port });
} catch (error) {
  app.close();
  fail(listenFailure(error, listen.host, listen.port));
}
console.log('办公室服务器已启动。');
for (const address of addressesOf(listen.host, server.port)) console.log(`地址：${address}`);
console.log(`配对码：${certificate.pairingCode}`);
console.log(`数据文件：${app.dbPath}`);
const status = await app.handle({ method: 'auth.status', input: {} });
if (status.ok && (status.result as { needsSetup: boolean }).needsSetup) {
  const where = args.dbPath ? `--db ${app.dbPath}` : `--data-dir ${app.dataDir}`;
  console.log(`还没有管理员：请在这台电脑上运行 npm run -s cli -- ${where} user add --username 用户名 --display-name 姓名 --role 管理员`);
}
console.log('在其他电脑的本程序中选择“连接到办公室服务器”，输入地址和配对码。按 Ctrl+C 停止。');
const stop = () => void server.close().then(() => {
  app.close();
  process.exit(0);
});
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
