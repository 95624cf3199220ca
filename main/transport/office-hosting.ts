/**
 * This PC serving its database to the office's other PCs (issue 17), written once for `npm run serve`
 * (main/serve.ts) and the desktop app's setting 本机作为办公室服务器 (workstation.ts): the certificate, the server,
 * the addresses the others type, and a failure to listen in words.
 */
import os from 'node:os';
import { AppError } from '../../shared/contract/errors';
import type { App } from '../app-types';
import { parseListen, startOfficeServer, type OfficeServer } from './office-server';
import { ensureServerCertificate } from './server-certificate';

export const LISTEN_FORMAT = '监听地址应为 地址:端口，例如 0.0.0.0:8443（0.0.0.0 表示本机所有网络地址）或 192.168.1.20:8443';

/** The https:// addresses other PCs can type: the one listened on, or each of this PC's network addresses for 0.0.0.0. */
export function addressesOf(host: string, port: number): string[] {
  const hosts = host !== '0.0.0.0' ? [host] : Object.values(os.networkInterfaces()).flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address);
  const shown = hosts.length > 0 ? hosts : ['127.0.0.1'];
  return shown.map((h) => `https://${h.includes(':') ? `[${h}]` : h}:${port}`);
}

/** Why the server did not start listening, in words that say what to do. */
export function listenFailure(error: unknown, host: string, port: number): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EADDRINUSE' ? `端口 ${port} 已被其他程序占用：请换一个端口，或先停止占用它的程序`
    : code === 'EADDRNOTAVAIL' ? `这台电脑没有地址 ${host}：请用本机的网络地址（或 0.0.0.0 表示全部）`
      : code === 'EACCES' ? `没有权限在端口 ${port} 上等待连接：请用 1024 以上的端口`
        : `办公室服务器没有启动：${(error as Error).message}`;
}

export interface Hosting {
  server: OfficeServer;
  /** The `ADDRESS:PORT` asked for. */
  listen: string;
  addresses: string[];
  pairingCode: string;
}

/** Serves `app` on `listen` (ADDRESS:PORT) with the data folder's certificate; refuses naming the field `listen`. */
export async function hostOffice(app: App, listen: string): Promise<Hosting> {
  const parsed = parseListen(listen);
  if (!parsed) throw AppError.field('VALIDATION', 'listen', LISTEN_FORMAT);
  const certificate = await ensureServerCertificate(app.dataDir, [parsed.host]);
  let server: OfficeServer;
  try {
    server = await startOfficeServer({ app, certificate, host: parsed.host, port: parsed.port });
  } catch (error) {
    throw AppError.field('REFUSED', 'listen', listenFailure(error, parsed.host, parsed.port));
  }
  return { server, listen: listen.trim(), addresses: addressesOf(parsed.host, server.port), pairingCode: certificate.pairingCode };
}
