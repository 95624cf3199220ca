/**
 * Browser mode: the same router over HTTP on 127.0.0.1 only, for end-to-end
 * tests and demos. A per-run token (given once in the printed URL) guards the
 * API; the Host header is checked so that a DNS-rebinding page cannot reach it.
 */
import fs from 'node:fs';
import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { openApp } from '../app';
import type { App, AppOptions } from '../app-types';
import { APP_ORIGIN, appResponseHeaders, parseInvokeEnvelope, resolveAppFile } from './electron-policy';
import { readJsonBody, sendJson } from './http-common';
import { ChangeWaiter } from './change-waiter';

export const LOOPBACK = '127.0.0.1';

export interface WebServerOptions extends Omit<AppOptions, 'fixedAuthor'> {
  rendererDir: string;
  /** A fixed port (0 or none: any free one). */
  port?: number;
  /** Serve this app instead of opening the data folder: the relay to an office server (`npm run web -- --server`). */
  app?: App;
  /**
   * The access token to accept, instead of a new random one: a server started again on the same port and data
   * folder with the same token is the same to a page left open (tests of a restart, tests/e2e/reconnect.test.ts).
   */
  token?: string;
}

export interface WebServer {
  /** http://127.0.0.1:PORT/?token=… — open this in the browser. */
  url: string;
  port: number;
  token: string;
  app: App;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const app = options.app ?? (await openApp(options));
  const token = options.token ?? randomBytes(24).toString('base64url');
  const waiter = new ChangeWaiter(() => app);
  let port = 0;

  const server = http.createServer(async (req, res) => {
    try {
      const host = req.headers.host ?? '';
      if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`) {
        sendJson(res, 421, { ok: false, error: { code: 'FORBIDDEN', message: '拒绝请求：主机名不符' } });
        return;
      }
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (url.pathname === '/api/invoke') {
        if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'FORBIDDEN', message: '只接受 POST' } });
        if (!sameToken(req.headers['x-sanfang-token'] as string | undefined, token)) {
          return sendJson(res, 401, { ok: false, error: { code: 'FORBIDDEN', message: '访问令牌无效：请使用启动时显示的完整地址打开本应用' } });
        }
        const raw = await readJsonBody(req, res);
        if (raw === undefined) return;
        const envelope = parseInvokeEnvelope(raw);
        if (!envelope.ok) return sendJson(res, 400, { ok: false, error: envelope.error });
        return sendJson(res, 200, await app.handle(envelope.request));
      }
      if (url.pathname === '/api/next-change') {
        if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'FORBIDDEN', message: '只接受 POST' } });
        if (!sameToken(req.headers['x-sanfang-token'] as string | undefined, token)) {
          return sendJson(res, 401, { ok: false, error: { code: 'FORBIDDEN', message: '访问令牌无效：请使用启动时显示的完整地址打开本应用' } });
        }
        const body = await readJsonBody(req, res);
        if (body === undefined) return;
        const session = (body as { session?: unknown } | null)?.session;
        if (typeof session !== 'string' || session.length === 0 || session.length > 200) return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: '缺少会话标识 session' } });
        // A browser tab keeps its own session (sessionStorage): the session is the tab's key.
        return sendJson(res, 200, { ok: true, result: await waiter.next(session, session) });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'FORBIDDEN', message: '不支持的请求' } });
      // Static files: the same resolution as the desktop app's app:// protocol.
      const resolved = resolveAppFile(options.rendererDir, `${APP_ORIGIN}${url.pathname}`);
      if (!resolved.ok || !fs.existsSync(resolved.filePath)) {
        const status = resolved.ok ? 404 : resolved.status;
        res.writeHead(status, appResponseHeaders(null));
        res.end(resolved.ok && resolved.isIndex ? '界面尚未构建：请先运行 npm run build' : 'Not found');
        return;
      }
      const body = fs.readFileSync(resolved.filePath);
      res.writeHead(200, { ...appResponseHeaders(resolved.filePath), 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      console.error('[web] request failed', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '程序内部错误' } });
      else res.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the office's data must never be reachable from the network.
    server.listen(options.port ?? 0, LOOPBACK, resolve);
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    port, token, app,
    close: () =>
      new Promise<void>((resolve) => {
        waiter.close();
        server.closeAllConnections();
        server.close(() => {
          app.close();
          resolve();
        });
      }),
  };
}
