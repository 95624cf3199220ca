/**
 * The desktop shell's security policy, as pure data and pure functions.
 *
 * main/electron/ (the only code that imports `electron`) cannot run on the
 * build machines, so every decision it makes lives here, where vitest can
 * check it: window and webPreferences, the custom `app://` protocol and its
 * Content-Security-Policy, which navigations and IPC senders are trusted, the
 * shape of an IPC request, and which file a protocol request maps to.
 *
 * This module must not import `electron` (not even for types that survive
 * compilation); it may use Node's `path`.
 */
import path from 'node:path';
import { isIdempotencyKey, isMethodName, type InvokeRequest, type MethodName } from '../../shared/contract/methods';
import type { ErrorEnvelope } from '../../shared/contract/errors';

// ---------------------------------------------------------------------------
// Origin, scheme, channel

/** The renderer is served from this privileged custom scheme, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sanfang';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/`;

/** The one IPC channel; preload.ts repeats this literal (a test checks they agree). */
export const IPC_CHANNEL = 'sanfang:invoke';
/** The second channel: the window asks for the next change notice (main/transport/change-waiter.ts). */
export const CHANGES_CHANNEL = 'sanfang:next-change';

/**
 * The data folder's name under the OS's app-data folder. Set explicitly so the
 * packaged app (productName 三方办) and `npm start` use the same folder.
 */
export const USER_DATA_FOLDER_NAME = 'SanfangOffice';

/** Upper bound on the session token a client may send. */
export const MAX_SESSION_LENGTH = 200;

/**
 * Privileges for protocol.registerSchemesAsPrivileged. `standard` gives the
 * scheme a real origin (relative URLs, localStorage); `secure` makes it a
 * secure context; `supportFetchAPI` lets the page fetch its own assets.
 * Deliberately NOT `bypassCSP`, `corsEnabled`, `allowServiceWorkers`.
 */
export const APP_SCHEME_PRIVILEGES = Object.freeze({
  standard: true,
  secure: true,
  supportFetchAPI: true,
});

// ---------------------------------------------------------------------------
// Window

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  plugins: false;
  enableWebSQL: false;
  spellcheck: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  autoplayPolicy: 'user-gesture-required';
  devTools: boolean;
}

export interface PolicyOptions {
  /** DevTools are for development; off in the packaged app. Default true. */
  devTools?: boolean;
}

/** webPreferences for every window of the app (Electron's security checklist). */
export function secureWebPreferences(preloadPath: string, opts: PolicyOptions = {}): SecureWebPreferences {
  if (!path.isAbsolute(preloadPath)) throw new Error(`preload path must be absolute: ${preloadPath}`);
  return {
    preload: preloadPath,
    contextIsolation: true, // the page cannot reach the preload's world
    sandbox: true, // the renderer is an OS-sandboxed process; the preload gets only a tiny `require('electron')`
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true, // same-origin policy stays on
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    plugins: false,
    enableWebSQL: false,
    spellcheck: false, // the spellchecker downloads dictionaries from Google
    navigateOnDragDrop: false, // dropping a file on the window must not navigate to it
    safeDialogs: true, // a page cannot spam alert() loops
    autoplayPolicy: 'user-gesture-required',
    devTools: opts.devTools ?? true,
  };
}

export interface MainWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: false;
  backgroundColor: string;
  autoHideMenuBar: false;
  webPreferences: SecureWebPreferences;
}

/** Options for the main BrowserWindow; shown on 'ready-to-show' to avoid a white flash. */
export function mainWindowOptions(preloadPath: string, opts: PolicyOptions = {}): MainWindowOptions {
  return {
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '三方办',
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preloadPath, opts),
  };
}

// ---------------------------------------------------------------------------
// Content-Security-Policy

export interface CspOptions {
  /**
   * Extra sources for connect-src (browser mode adds its own
   * `http://127.0.0.1:<port>` when the API is not same-origin).
   */
  connectSrc?: readonly string[];
}

const CSP_SOURCE = /^(?:'self'|'none'|[a-z][a-z0-9+.-]*:(?:\/\/[a-z0-9.[\]:-]+(?::\d{1,5})?)?)$/i;

/**
 * A strict policy: only the app's own scripts, no eval, no remote origins, no
 * plugins, no framing, no forms posting anywhere.
 *
 * style-src needs 'unsafe-inline': Ant Design (CSS-in-JS, @ant-design/cssinjs)
 * injects <style> elements at run time and React sets style="" attributes.
 * Inline *styles* cannot run code; inline *scripts* stay forbidden.
 */
export function contentSecurityPolicy(opts: CspOptions = {}): string {
  const connect = ["'self'"];
  for (const source of opts.connectSrc ?? []) {
    // Refuse anything that could widen or break the policy (`*`, `;`, quotes, spaces).
    if (!CSP_SOURCE.test(source) || source === "'none'") throw new Error(`bad connect-src source: ${source}`);
    if (!connect.includes(source)) connect.push(source);
  }
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', connect],
    ['worker-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** The policy served with every app:// response. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

// ---------------------------------------------------------------------------
// URLs: navigation, IPC senders, outgoing requests, permissions

function parseUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 8192) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** True when the URL is exactly on app://sanfang (no port, no credentials). */
function isAppUrl(url: URL): boolean {
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** A page may only navigate within the app's own origin (client-side routes, reload). */
export function isAllowedNavigation(url: unknown): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && isAppUrl(parsed);
}

export type SenderCheck = { ok: true } | { ok: false; reason: string };

/**
 * Only the main frame of a page served from app://sanfang may call the API:
 * not file://, not a dev server, not a subframe, not a frame that is gone.
 */
export function checkIpcSender(sender: { senderUrl: unknown; isMainFrame: unknown }): SenderCheck {
  if (sender.isMainFrame !== true) return { ok: false, reason: 'not the main frame' };
  const url = parseUrl(sender.senderUrl);
  if (url === null) return { ok: false, reason: 'sender URL missing or malformed' };
  if (!isAppUrl(url)) return { ok: false, reason: `sender origin not allowed: ${url.protocol}//${url.host}` };
  return { ok: true };
}

/**
 * Requests the renderer's session may make at all (webRequest filter, defence
 * in depth behind the CSP): the app's own origin, inline data/blob URLs, and
 * DevTools' own pages. Everything else — http(s), ws, file — is cancelled.
 */
export function isAllowedRequestUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  if (parsed === null) return false;
  if (isAppUrl(parsed)) return true;
  return parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'devtools:';
}

/**
 * Permissions: all denied, except writing plain text to the clipboard from the
 * app's own page (the "copy recovery code" buttons use navigator.clipboard).
 */
export function isPermissionAllowed(permission: string, requestingUrl: unknown): boolean {
  if (permission !== 'clipboard-sanitized-write') return false;
  const parsed = parseUrl(requestingUrl);
  return parsed !== null && isAppUrl(parsed);
}

// ---------------------------------------------------------------------------
// IPC envelope

export type ValidatedRequest = InvokeRequest & { method: MethodName };
export type EnvelopeCheck = { ok: true; request: ValidatedRequest } | { ok: false; error: ErrorEnvelope };

const ENVELOPE_KEYS = new Set(['method', 'input', 'session', 'idempotencyKey']);

function refuse(message: string): { ok: false; error: ErrorEnvelope } {
  return { ok: false, error: { code: 'VALIDATION', message } };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks the shape of what arrives on the IPC channel: a plain object with a
 * known contract method, any input (the router validates it with the method's
 * zod schema), an optional session string and an optional idempotency key
 * (shared/contract/methods.ts). Anything else is refused before it reaches
 * the router.
 */
export function parseInvokeEnvelope(raw: unknown): EnvelopeCheck {
  if (!isPlainObject(raw)) return refuse('请求格式错误：应为包含 method 与 input 的对象。');
  for (const key of Object.keys(raw)) {
    if (!ENVELOPE_KEYS.has(key)) return refuse(`请求格式错误：不认识的字段「${key.slice(0, 50)}」。`);
  }
  const { method, input, session, idempotencyKey } = raw;
  if (typeof method !== 'string' || method.length === 0) return refuse('请求格式错误：缺少接口方法名 method。');
  if (!isMethodName(method)) return refuse(`未知的接口方法：${method.slice(0, 100)}`);
  const request: ValidatedRequest = { method, input };
  if (session !== undefined) {
    if (typeof session !== 'string') return refuse('请求格式错误：会话标识 session 应为字符串。');
    if (session.length === 0 || session.length > MAX_SESSION_LENGTH) {
      return refuse(`请求格式错误：会话标识 session 长度应为 1–${MAX_SESSION_LENGTH} 个字符。`);
    }
    request.session = session;
  }
  if (idempotencyKey !== undefined) {
    if (!isIdempotencyKey(idempotencyKey)) return refuse('请求格式错误：请求标识 idempotencyKey 应为 16–64 个字母、数字、_ 或 -。');
    request.idempotencyKey = idempotencyKey;
  }
  return { ok: true, request };
}

/** The envelope for a refused sender. */
export function forbiddenSenderError(): ErrorEnvelope {
  return { code: 'FORBIDDEN', message: '拒绝请求：只接受本应用主窗口页面发出的调用。' };
}

/** The envelope for a failure in the shell itself; details stay in the log, not the page. */
export function internalError(): ErrorEnvelope {
  return { code: 'INTERNAL', message: '程序内部错误，请重试；如仍失败，请查看日志或联系维护人员。' };
}

// ---------------------------------------------------------------------------
// app:// → files under dist/renderer

export type AppFileResolution =
  | { ok: true; filePath: string; isIndex: boolean }
  | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Maps `app://sanfang/<path>` to a file under rendererDir.
 * - `/` and extension-less paths (client-side routes) → index.html;
 * - other paths → that file (the handler answers 404 when it does not exist);
 * - other schemes/hosts, `..`, encoded separators, NUL, drive letters,
 *   double encoding and dot-files are refused.
 */
export function resolveAppFile(rendererDir: string, requestUrl: unknown): AppFileResolution {
  const url = parseUrl(requestUrl);
  if (url === null) return { ok: false, status: 400, reason: 'malformed URL' };
  if (!isAppUrl(url)) return { ok: false, status: 403, reason: 'other origin' };

  const root = path.resolve(rendererDir);
  const index = { ok: true as const, filePath: path.join(root, 'index.html'), isIndex: true };

  // The URL parser has already removed literal and %2e dot-segments; check the
  // raw segments again anyway, then decode each one and check the result.
  const rawSegments = url.pathname.split('/').filter((s) => s.length > 0);
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'bad percent-encoding' };
    }
    if (segment === '.' || segment === '..') return { ok: false, status: 403, reason: 'path traversal' };
    // Separators, NUL, drive letters/streams, and '%' left over from double encoding.
    if (/[/\\\0:%]/.test(segment)) return { ok: false, status: 403, reason: 'forbidden character in path' };
    if (segment.startsWith('.')) return { ok: false, status: 404, reason: 'hidden file' };
    segments.push(segment);
  }

  const last = segments[segments.length - 1];
  if (last === undefined || path.extname(last) === '') return index;

  const filePath = path.resolve(root, ...segments);
  const relative = path.relative(root, filePath);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return { ok: false, status: 403, reason: 'outside the renderer folder' };
  }
  return { ok: true, filePath, isIndex: filePath === index.filePath };
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers for every app:// response (including errors). */
export function appResponseHeaders(filePath: string | null, csp: string = CONTENT_SECURITY_POLICY): Record<string, string> {
  return {
    'Content-Type': filePath === null ? 'text/plain; charset=utf-8' : contentTypeFor(filePath),
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}
