/**
 * What the loopback server (http-server.ts) and the office server (office-server.ts) answer alike: JSON
 * responses, a JSON body read within its limit, and the stream of change notices.
 */
import type http from 'node:http';
import type { App } from '../app-types';

/** A 20,000-row roster as base64 is a few MB; a scanned attachment is the largest thing anyone sends. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': data.length, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(data);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The request's JSON body, or undefined after answering why not (not JSON, too large, unreadable). */
export async function readJsonBody(req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    sendJson(res, 415, { ok: false, error: { code: 'VALIDATION', message: '请求应为 JSON' } });
    return undefined;
  }
  try {
    return JSON.parse((await readBody(req)).toString('utf8')) as unknown;
  } catch {
    if (!res.headersSent) sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: '请求不是有效的 JSON，或超过大小限制' } });
    return undefined;
  }
}

/** A comment line now and then, so that a connection whose other end vanished is noticed and closed. */
const HEARTBEAT_MS = 20_000;

/**
 * GET /api/events: server-sent events for the session in the X-Sanfang-Session header — `change` with the kinds
 * and ids the person may see (main/security/access.ts visibleChanges), `ended` when the session is over.
 */
export function streamChanges(app: App, req: http.IncomingMessage, res: http.ServerResponse): void {
  const header = req.headers['x-sanfang-session'];
  const session = typeof header === 'string' && header.length > 0 && header.length <= 200 ? header : undefined;
  const stop = app.subscribe(session, (notice) => {
    if (notice === null) {
      res.end('event: ended\ndata: {}\n\n');
      return;
    }
    res.write(`event: change\ndata: ${JSON.stringify(notice)}\n\n`);
  });
  if (!stop) {
    sendJson(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: '登录已过期或尚未登录，请重新登录' } });
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS);
  const end = () => {
    clearInterval(heartbeat);
    stop();
  };
  res.on('close', end);
  res.on('finish', end);
}
