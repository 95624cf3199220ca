/**
 * The office server (issue 17): one PC keeps the database, the office's other PCs work on it over HTTPS. It is
 * the same `handle()` as every other transport, with the call marked as coming from the network
 * (main/app-types.ts CallOrigin), so sessions, permissions and validation stay where they are, written once.
 *
 * What it adds, and why:
 * - TLS only, with its own certificate (server-certificate.ts); clients pin it by the pairing code. A plain
 *   HTTP request gets no answer at all.
 * - Only programs are its clients — the desktop app's main process and `npm run web -- --server` — never a
 *   browser page: a request carrying an Origin header is refused, and the Host must be an IP address or the
 *   name it listens on, so a web page on the office network cannot use a person's browser against it.
 * - Accounts only: there is no token in any address; every call but the public ones needs a signed-in session.
 * - Calls are limited per client address (rate-limit.ts), passwords by the login limits as everywhere.
 * - It serves two things: calls (POST /api/invoke) and change notices (GET /api/events). No files: never the
 *   database, never a backup — backups stay on the server.
 */
import https from 'node:https';
import type http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { App } from '../app-types';
import type { ErrorEnvelope } from '../../shared/contract/errors';
import { parseInvokeEnvelope } from './electron-policy';
import { OFFICE_RATE_LIMITS, RateLimiter, type RateLimits } from './rate-limit';
import type { ServerCertificate } from './server-certificate';
import { readJsonBody, sendJson, streamChanges } from './http-common';

export interface OfficeServerOptions {
  app: App;
  certificate: ServerCertificate;
  /** The address to listen on: one of this PC's addresses, or 0.0.0.0 for all of them. */
  host: string;
  port: number;
  limits?: RateLimits;
}

export interface OfficeServer {
  /** https://HOST:PORT as given to listen (the port the system chose when 0 was asked). */
  url: string;
  host: string;
  port: number;
  pairingCode: string;
  close(): Promise<void>;
}

/** `ADDRESS:PORT` (IPv6 in brackets) as the command line and the settings give it; null when it is not one. */
export function parseListen(text: string): { host: string; port: number } | null {
  const m = /^\[([0-9a-fA-F:.]+)\]:(\d{1,5})$/.exec(text.trim()) ?? /^([^:\s]+):(\d{1,5})$/.exec(text.trim());
  if (!m) return null;
  const port = Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  if (!net.isIP(m[1]!) && !/^[a-zA-Z0-9.-]+$/.test(m[1]!)) return null;
  return { host: m[1]!, port };
}

const refusal = (code: ErrorEnvelope['code'], message: string) => ({ ok: false as const, error: { code, message } });

/**
 * The Host header names this server: an IP address (the office's PCs connect by address; a DNS-rebinding page
 * arrives with a name) or the very name it listens on, with its port.
 */
function hostAllowed(hostHeader: string | undefined, listenHost: string, port: number): boolean {
  if (!hostHeader) return false;
  const m = /^\[([0-9a-fA-F:.]+)\]:(\d+)$/.exec(hostHeader) ?? /^([^:]+):(\d+)$/.exec(hostHeader);
  if (!m || Number(m[2]) !== port) return false;
  return net.isIP(m[1]!) !== 0 || m[1]!.toLowerCase() === listenHost.toLowerCase();
}

export async function startOfficeServer(options: OfficeServerOptions): Promise<OfficeServer> {
  const { app, certificate } = options;
  const limiter = new RateLimiter(options.limits ?? OFFICE_RATE_LIMITS);
  let port = options.port;

  const server = https.createServer(
    { cert: certificate.certPem, key: certificate.keyPem, minVersion: 'TLSv1.2' },
    (req, res) => void serve(req, res).catch((error: unknown) => {
      console.error('[office-server] request failed', error);
      if (!res.headersSent) sendJson(res, 500, refusal('INTERNAL', '程序内部错误'));
      else res.destroy();
    }),
  );
  // Clients keep their connection between calls (office-client.ts); longer than their pause between two saves.
  server.keepAliveTimeout = 65_000;
  // Every connection, whatever state it is in (a TLS handshake, a kept-alive one, an event stream), so that closing
  // ends them all at once: closeAllConnections() knows only those with an HTTP request parsed.
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.headers.origin !== undefined) return sendJson(res, 403, refusal('FORBIDDEN', '拒绝请求：办公室服务器只接受本程序的连接，不接受网页发出的请求'));
    if (!hostAllowed(req.headers.host, options.host, port)) return sendJson(res, 421, refusal('FORBIDDEN', '拒绝请求：主机名不符'));
    if (!limiter.admit(req.socket.remoteAddress ?? '?')) {
      res.setHeader('Retry-After', '1');
      return sendJson(res, 429, refusal('RATE_LIMITED', '请求过于频繁，请稍后再试'));
    }
    const pathname = new URL(req.url ?? '/', 'https://server').pathname;
    if (pathname === '/api/invoke') {
      if (req.method !== 'POST') return sendJson(res, 405, refusal('FORBIDDEN', '只接受 POST'));
      const raw = await readJsonBody(req, res);
      if (raw === undefined) return;
      const envelope = parseInvokeEnvelope(raw);
      if (!envelope.ok) return sendJson(res, 400, { ok: false, error: envelope.error });
      return sendJson(res, 200, await app.handle(envelope.request, 'network'));
    }
    if (pathname === '/api/events' && req.method === 'GET') return streamChanges(app, req, res);
    return sendJson(res, 404, refusal('NOT_FOUND', '办公室服务器没有这个地址'));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shown = net.isIPv6(options.host) ? `[${options.host}]` : options.host;
  return {
    url: `https://${shown}:${port}`, host: options.host, port, pairingCode: certificate.pairingCode,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    }),
  };
}
