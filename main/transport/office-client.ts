/**
 * A PC working on the office server (issue 17): every call of the contract goes over HTTPS to the server, which
 * is known by the certificate it showed when it was paired, not by any authority. To the rest of this PC — the
 * desktop window through IPC, or a browser through `npm run web -- --server` — this is just another App: the
 * renderer cannot tell whether it talks to its own database or to the office's.
 *
 * Pairing (pairWithServer) opens one TLS connection, sends nothing, and compares the certificate's fingerprint
 * with the pairing code the person typed (read off the server's screen or log). From then on every connection
 * trusts exactly that certificate (`ca`) and checks its fingerprint again (`checkServerIdentity`): a server
 * showing any other certificate — a new one, or an impostor's — is refused before a byte of a call is sent.
 */
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { AppError, fieldProblem, type ErrorEnvelope } from '../../shared/contract/errors';
import type { InvokeRequest, InvokeResponse } from '../../shared/contract/methods';
import type { App, ChangeNotice } from '../app-types';
import { fingerprintOf, normalizePairingCode, pairingCodeOf } from './server-certificate';

/** What a PC keeps after pairing: where the server is and the certificate it trusts. */
export interface OfficeLink {
  url: string;
  certPem: string;
}

const CONNECT_TIMEOUT_MS = 10_000;
/** A roster of 20,000 rows takes a while to import: only a connection silent this long is given up. */
const SILENCE_TIMEOUT_MS = 5 * 60_000;

/** `https://ADDRESS:PORT` with nothing after it, or a refusal that says what is expected. */
export function parseServerUrl(text: string): { url: string; host: string; port: number } {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    throw AppError.field('VALIDATION', 'address', '服务器地址应为 https://地址:端口，例如 https://192.168.1.20:8443');
  }
  if (u.protocol !== 'https:') throw AppError.field('VALIDATION', 'address', '服务器地址应以 https:// 开头：办公室服务器只接受加密连接');
  if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash || u.username || u.password) {
    throw AppError.field('VALIDATION', 'address', '服务器地址只写 https://地址:端口，后面不要带路径');
  }
  const port = u.port ? Number(u.port) : 443;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return { url: `https://${u.host}`, host, port };
}

const CERTIFICATE_CHANGED_MESSAGE = '办公室服务器的证书已改变，与配对时的不同，已拒绝连接：可能是服务器换了新证书，也可能有人冒充服务器。请向管理员核实服务器上显示的新配对码，再重新配对。';

function certificateChanged(): ErrorEnvelope {
  return { code: 'CERTIFICATE_CHANGED', message: CERTIFICATE_CHANGED_MESSAGE };
}

/** TLS errors that mean "not the certificate we trust" (as opposed to "no answer"). */
const CERTIFICATE_ERRORS = new Set([
  'CERT_PIN_MISMATCH', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Why a connection failed, in words for the banner. */
function unreachable(url: string, error: NodeJS.ErrnoException): ErrorEnvelope {
  const why = error.code === 'ECONNREFUSED' ? '服务器没有在运行，或端口不对'
    : error.code === 'ETIMEDOUT' || error.code === 'ESOCKETTIMEDOUT' || error.message === 'timeout' ? '连接超时'
      : error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH' ? '网络不通'
        : error.code === 'ECONNRESET' || error.code === 'EPIPE' ? '连接被中断'
          : error.code === 'EPROTO' || /wrong version number|ssl/i.test(error.message) ? '对方不是办公室服务器（不是加密连接）'
            : error.code ?? error.message;
  return { code: 'OFFLINE', message: `连接不上办公室服务器 ${url}：${why}` };
}

function envelopeOf(url: string, error: unknown): ErrorEnvelope {
  const e = error as NodeJS.ErrnoException;
  if (e.code && CERTIFICATE_ERRORS.has(e.code)) return certificateChanged();
  return unreachable(url, e);
}

/**
 * Connects once, sends nothing, and checks that the certificate there is the one the pairing code names.
 * Resolves to the link to keep; refuses with the reason (wrong code, no server there).
 */
export async function pairWithServer(address: string, typedCode: string): Promise<OfficeLink> {
  const { url, host, port } = parseServerUrl(address);
  const code = normalizePairingCode(typedCode);
  if (!code) throw AppError.field('VALIDATION', 'pairingCode', '配对码应为 20 个字母或数字（可分成四组，如 7K3QM-P2XRA-9C4TD-HW61B），请照服务器上显示的输入');
  const certPem = await new Promise<string>((resolve, reject) => {
    // Not trusted yet, hence rejectUnauthorized: false — nothing is sent on this connection; the code decides.
    const socket = tls.connect({ host, port, rejectUnauthorized: false, timeout: CONNECT_TIMEOUT_MS, ...(net.isIP(host) ? {} : { servername: host }) });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerX509Certificate();
      socket.end();
      if (!cert) reject(new AppError('OFFLINE', `连接不上办公室服务器 ${url}：对方没有出示证书`));
      else resolve(cert.toString());
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new AppError('OFFLINE', unreachable(url, Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })).message));
    });
    socket.once('error', (error) => reject(new AppError('OFFLINE', unreachable(url, error).message)));
  });
  if (pairingCodeOf(fingerprintOf(certPem)) !== code) {
    // The field says it in a word; the message says what to do (the dialog shows both).
    throw new AppError('REFUSED', `配对码不符：${url} 上的服务器出示的证书不是这个配对码所指的。请核对服务器屏幕或日志上的配对码；核对无误仍不符时，可能有人冒充服务器，请联系管理员。`,
      [fieldProblem('pairingCode', '配对码与该服务器的证书不符')]);
  }
  return { url, certPem };
}

export interface ConnectOptions {
  /**
   * This PC's address to connect from (default: the system's choice). The server limits calls per client address
   * (rate-limit.ts); the load bench gives each of its clients a loopback address of its own, as each PC of an
   * office has its own address.
   */
  localAddress?: string;
}

/** The server as an App: every call over HTTPS to the pinned certificate; change notices from its event stream. */
export function connectToServer(link: OfficeLink, options: ConnectOptions = {}): App & { readonly url: string } {
  const { url, host, port } = parseServerUrl(link.url);
  const pinned = fingerprintOf(link.certPem);
  const tlsOptions = {
    ca: link.certPem, minVersion: 'TLSv1.2' as const,
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    // Trusted by `ca` only because it is the pinned certificate; the name in it does not matter, the fingerprint does.
    checkServerIdentity: (_host: string, cert: { raw: Buffer }) => (fingerprintOf(cert.raw) === pinned ? undefined : Object.assign(new Error('pin mismatch'), { code: 'CERT_PIN_MISMATCH' })),
    ...(net.isIP(host) ? {} : { servername: host }),
  };
  const agent = new https.Agent({ keepAlive: true, maxSockets: 16, ...tlsOptions });
  // Each open event stream holds its connection for as long as its window is signed in: never taken from the calls' pool.
  const streamAgent = new https.Agent({ keepAlive: false, ...tlsOptions });
  const streams = new Set<() => void>();

  function post(body: string, firstTry: boolean): Promise<InvokeResponse> {
    return new Promise((resolve) => {
      const req = https.request({
        host, port, path: '/api/invoke', method: 'POST', agent, timeout: SILENCE_TIMEOUT_MS,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Host: hostHeader(host, port) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (error) => resolve({ ok: false, error: envelopeOf(url, error) }));
        res.on('end', () => {
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as InvokeResponse;
            if (typeof parsed === 'object' && parsed !== null && 'ok' in parsed) resolve(parsed);
            else resolve({ ok: false, error: { code: 'INTERNAL', message: `办公室服务器的回答无法识别（HTTP ${res.statusCode}）` } });
          } catch {
            resolve({ ok: false, error: { code: 'INTERNAL', message: `办公室服务器的回答无法识别（HTTP ${res.statusCode}）` } });
          }
        });
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the server had just closed: the call never reached it, so it is sent again once.
        if (firstTry && req.reusedSocket && error.code === 'ECONNRESET') resolve(post(body, false));
        else resolve({ ok: false, error: envelopeOf(url, error) });
      });
      req.end(body);
    });
  }

  return {
    url, dbPath: url, dataDir: '',
    handle: (request: InvokeRequest) => post(JSON.stringify(request), true),
    subscribe(session, listener) {
      if (!session) return null;
      let stopped = false;
      let current: import('node:http').ClientRequest | null = null;
      let retry: NodeJS.Timeout | null = null;
      let wait = 1000;
      const stop = () => {
        stopped = true;
        if (retry) clearTimeout(retry);
        current?.destroy();
        streams.delete(stop);
      };
      const end = () => {
        if (stopped) return;
        stop();
        listener(null);
      };
      const again = () => {
        if (stopped) return;
        // The server went away: listen again when it is back (its calls say so meanwhile), waiting longer each time.
        retry = setTimeout(open, wait);
        wait = Math.min(wait * 2, 15_000);
      };
      const open = () => {
        if (stopped) return;
        current = https.get({ host, port, path: '/api/events', agent: streamAgent, headers: { 'X-Sanfang-Session': session, Host: hostHeader(host, port) } }, (res) => {
          if (res.statusCode === 401) return end();
          if (res.statusCode !== 200) {
            res.resume();
            return again();
          }
          wait = 1000;
          readEvents(res, (event, data) => {
            if (event === 'ended') end();
            else if (event === 'change') {
              try {
                listener(JSON.parse(data) as ChangeNotice);
              } catch {
                /* a line we do not understand is skipped */
              }
            }
          });
          res.on('end', again);
          res.on('error', again);
        });
        current.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code && CERTIFICATE_ERRORS.has(error.code)) end(); // no notices from an unknown server; the calls say why
          else again();
        });
      };
      streams.add(stop);
      open();
      return stop;
    },
    async backupTo() {
      throw new AppError('REFUSED', '这台电脑连接的是办公室服务器：备份在服务器上进行，备份文件也只留在服务器上');
    },
    close() {
      for (const stop of [...streams]) stop();
      agent.destroy();
      streamAgent.destroy();
    },
  };
}

function hostHeader(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Server-sent events from a response: `event:` and `data:` lines, a blank line ends each. */
function readEvents(res: import('node:http').IncomingMessage, onEvent: (event: string, data: string) => void): void {
  let buffer = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trim());
      }
      if (data.length > 0) onEvent(event, data.join('\n'));
    }
  });
}
