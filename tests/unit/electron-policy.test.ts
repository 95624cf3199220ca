/**
 * The desktop shell's security policy (main/transport/electron-policy.ts), plus
 * static checks of main/electron/*.ts — Electron cannot run on the build
 * machines, so those files are checked as text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { METHOD_NAMES } from '../../shared/contract/methods';
import {
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  IPC_CHANNEL,
  CHANGES_CHANNEL,
  MAX_SESSION_LENGTH,
  appResponseHeaders,
  checkIpcSender,
  contentSecurityPolicy,
  contentTypeFor,
  isAllowedNavigation,
  isAllowedRequestUrl,
  isPermissionAllowed,
  mainWindowOptions,
  parseInvokeEnvelope,
  resolveAppFile,
  secureWebPreferences,
} from '../../main/transport/electron-policy';

const ROOT = path.resolve(__dirname, '../..');
const PRELOAD = path.resolve('/opt/sanfang/dist/electron/preload.cjs');
const RENDERER = path.resolve('/opt/sanfang/dist/renderer');
const method = METHOD_NAMES[0]!;

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe('window options', () => {
  it('webPreferences follow the Electron security checklist', () => {
    const prefs = secureWebPreferences(PRELOAD);
    expect(prefs).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      plugins: false,
      enableWebSQL: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(secureWebPreferences(PRELOAD).devTools).toBe(true);
    expect(secureWebPreferences(PRELOAD, { devTools: false }).devTools).toBe(false);
  });

  it('refuses a relative preload path', () => {
    expect(() => secureWebPreferences('preload.cjs')).toThrow();
  });

  it('the main window uses exactly those preferences and shows when ready', () => {
    const opts = mainWindowOptions(PRELOAD, { devTools: false });
    expect(opts.webPreferences).toEqual(secureWebPreferences(PRELOAD, { devTools: false }));
    expect(opts.show).toBe(false);
    expect(opts.title).toBe('三方办');
    expect(opts.minWidth).toBeGreaterThanOrEqual(1024);
  });

  it('the app scheme is standard and secure but does not bypass CSP', () => {
    expect(APP_ORIGIN).toBe('app://sanfang');
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
  });
});

describe('Content-Security-Policy', () => {
  const d = directives(CONTENT_SECURITY_POLICY);

  it('has every strict directive', () => {
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('font-src')).toEqual(["'self'", 'data:']);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('allows no eval, no inline script and no remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic/);
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*/);
  });

  it('browser mode can add its own connect-src, and only there', () => {
    const csp = contentSecurityPolicy({ connectSrc: ['http://127.0.0.1:43117'] });
    const dd = directives(csp);
    expect(dd.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:43117']);
    expect(dd.get('script-src')).toEqual(["'self'"]);
    expect(dd.get('default-src')).toEqual(["'self'"]);
  });

  it('refuses connect-src values that would widen or break the policy', () => {
    for (const bad of ['*', 'http://*', "'unsafe-eval'", 'http://a; script-src *', 'http://a b', "'none'", '']) {
      expect(() => contentSecurityPolicy({ connectSrc: [bad] }), bad).toThrow();
    }
  });
});

describe('navigation and requests', () => {
  it('allows only the app origin', () => {
    expect(isAllowedNavigation('app://sanfang/')).toBe(true);
    expect(isAllowedNavigation('app://sanfang/roster?id=1#top')).toBe(true);
    for (const url of [
      'app://evil/',
      'app://sanfang:8080/',
      'app://user:pw@sanfang/',
      'https://sanfang/',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'not a url',
      '',
      undefined,
      42,
    ]) {
      expect(isAllowedNavigation(url), String(url)).toBe(false);
    }
  });

  it('the session may fetch only app, data, blob and devtools URLs', () => {
    expect(isAllowedRequestUrl('app://sanfang/assets/index.js')).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequestUrl('blob:app://sanfang/1234')).toBe(true);
    for (const url of ['https://example.com/', 'http://127.0.0.1:1/', 'ws://localhost/', 'file:///etc/passwd', 'app://other/']) {
      expect(isAllowedRequestUrl(url), url).toBe(false);
    }
  });

  it('denies every permission except clipboard writes from the app', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://sanfang/')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://sanfang')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      expect(isPermissionAllowed(p, 'app://sanfang/'), p).toBe(false);
    }
  });
});

describe('IPC sender check', () => {
  it('accepts the main frame of the app origin', () => {
    expect(checkIpcSender({ senderUrl: 'app://sanfang/', isMainFrame: true })).toEqual({ ok: true });
    expect(checkIpcSender({ senderUrl: 'app://sanfang/votes/1?x=2', isMainFrame: true })).toEqual({ ok: true });
  });

  it.each([
    ['wrong origin', 'app://evil/', true],
    ['look-alike host', 'app://sanfang.evil/', true],
    ['port', 'app://sanfang:1/', true],
    ['credentials', 'app://a@sanfang/', true],
    ['file://', 'file:///opt/sanfang/dist/renderer/index.html', true],
    ['dev server', 'http://127.0.0.1:5173/', true],
    ['localhost', 'http://localhost/', true],
    ['https', 'https://sanfang/', true],
    ['subframe', 'app://sanfang/', false],
    ['isMainFrame not a boolean', 'app://sanfang/', 'true'],
    ['malformed URL', 'app//sanfang', true],
    ['empty URL', '', true],
    ['no URL (frame gone)', undefined, true],
    ['about:blank', 'about:blank', true],
  ])('refuses %s', (_name, senderUrl, isMainFrame) => {
    const result = checkIpcSender({ senderUrl, isMainFrame });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBeTruthy();
  });
});

describe('IPC envelope', () => {
  it('accepts a known method with any input and an optional session', () => {
    expect(parseInvokeEnvelope({ method, input: {} })).toEqual({ ok: true, request: { method, input: {} } });
    expect(parseInvokeEnvelope({ method, input: { a: 1 }, session: 's'.repeat(MAX_SESSION_LENGTH) })).toEqual({
      ok: true,
      request: { method, input: { a: 1 }, session: 's'.repeat(MAX_SESSION_LENGTH) },
    });
    expect(parseInvokeEnvelope({ method, session: undefined })).toEqual({ ok: true, request: { method, input: undefined } });
    expect(parseInvokeEnvelope(Object.assign(Object.create(null), { method, input: 1 })).ok).toBe(true);
  });

  it('accepts an idempotency key of 16–64 letters, digits, _ and -', () => {
    const key = 'a1B2-c3_D4e5f6g7';
    expect(parseInvokeEnvelope({ method, input: {}, session: 's', idempotencyKey: key })).toEqual({ ok: true, request: { method, input: {}, session: 's', idempotencyKey: key } });
    expect(parseInvokeEnvelope({ method, input: {}, idempotencyKey: 'k'.repeat(64) }).ok).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'system.health'],
    ['a number', 1],
    ['an array', [method, {}]],
    ['a Date', new Date()],
    ['a Map', new Map([['method', method]])],
    ['missing method', { input: {} }],
    ['empty method', { method: '', input: {} }],
    ['non-string method', { method: 1, input: {} }],
    ['unknown method', { method: 'system.shell', input: {} }],
    ['inherited name', { method: 'toString', input: {} }],
    ['__proto__', { method: '__proto__', input: {} }],
    ['extra field', { method, input: {}, extra: 1 }],
    ['__proto__ key', JSON.parse(`{"method":"${method}","input":{},"__proto__":{"x":1}}`)],
    ['too long session', { method, input: {}, session: 's'.repeat(MAX_SESSION_LENGTH + 1) }],
    ['empty session', { method, input: {}, session: '' }],
    ['non-string session', { method, input: {}, session: 123 }],
    ['null session', { method, input: {}, session: null }],
    ['too short idempotency key', { method, input: {}, idempotencyKey: 'k'.repeat(15) }],
    ['too long idempotency key', { method, input: {}, idempotencyKey: 'k'.repeat(65) }],
    ['idempotency key with other characters', { method, input: {}, idempotencyKey: 'abcdefgh.ijklmnop' }],
    ['non-string idempotency key', { method, input: {}, idempotencyKey: 12345678901234567 }],
  ])('refuses %s with a Chinese VALIDATION envelope', (_name, raw) => {
    const result = parseInvokeEnvelope(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('accepts every contract method name', () => {
    for (const name of METHOD_NAMES) expect(parseInvokeEnvelope({ method: name, input: {} }).ok).toBe(true);
  });
});

describe('app:// file mapping', () => {
  const index = path.join(RENDERER, 'index.html');

  it('maps the root and client-side routes to index.html', () => {
    expect(resolveAppFile(RENDERER, 'app://sanfang/')).toEqual({ ok: true, filePath: index, isIndex: true });
    expect(resolveAppFile(RENDERER, 'app://sanfang')).toMatchObject({ ok: true, filePath: index });
    expect(resolveAppFile(RENDERER, 'app://sanfang/roster/123?tab=2#x')).toMatchObject({ ok: true, filePath: index });
    expect(resolveAppFile(RENDERER, 'app://sanfang/index.html')).toEqual({ ok: true, filePath: index, isIndex: true });
  });

  it('maps assets to files under the renderer folder', () => {
    expect(resolveAppFile(RENDERER, 'app://sanfang/assets/index-AbC123.js')).toEqual({
      ok: true,
      filePath: path.join(RENDERER, 'assets', 'index-AbC123.js'),
      isIndex: false,
    });
    expect(resolveAppFile(RENDERER, 'app://sanfang/assets/%E5%9B%BE.png')).toMatchObject({
      ok: true,
      filePath: path.join(RENDERER, 'assets', '图.png'),
    });
  });

  it.each([
    ['encoded slash traversal', 'app://sanfang/assets/..%2f..%2f..%2fpackage.json', 403],
    ['encoded backslash traversal', 'app://sanfang/..%5c..%5cpackage.json', 403],
    ['double-encoded dots', 'app://sanfang/%252e%252e/%252e%252e/x.js', 403],
    ['NUL byte', 'app://sanfang/index.html%00.js', 403],
    ['drive letter', 'app://sanfang/C:%5cWindows%5cwin.ini', 403],
    ['dot-file', 'app://sanfang/.env.json', 404],
    ['other host', 'app://evil/index.html', 403],
    ['other scheme', 'file:///etc/passwd', 403],
    ['https', 'https://sanfang/index.html', 403],
    ['bad percent-encoding', 'app://sanfang/assets/%E0%A4%A.js', 400],
    ['malformed', 'not a url', 400],
  ])('refuses %s', (_name, url, status) => {
    expect(resolveAppFile(RENDERER, url)).toMatchObject({ ok: false, status });
  });

  it('literal dot-segments are normalized by the URL parser and never leave the folder', () => {
    for (const url of ['app://sanfang/../../etc/passwd.txt', 'app://sanfang/assets/%2e%2e/%2e%2e/%2e%2e/x.js', 'app://sanfang/a/./../../b.css']) {
      const r = resolveAppFile(RENDERER, url);
      if (r.ok) expect(r.filePath.startsWith(RENDERER + path.sep)).toBe(true);
    }
  });

  it('whatever the path, an accepted file lies inside the renderer folder', () => {
    const piece = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2f', '%5c', '%00', 'C:', 'assets', 'a.js', '%252e', '~', '//', '\\'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const r = resolveAppFile(RENDERER, `app://sanfang/${pieces.join('/')}`);
        if (r.ok) expect(r.filePath.startsWith(RENDERER + path.sep)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('serves every response with the CSP and a content type', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
    const headers = appResponseHeaders('/x/index.html');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(appResponseHeaders(null)['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('main/electron (static checks: Electron cannot run here)', () => {
  const stripComments = (s: string) => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const mainTs = stripComments(readFileSync(path.join(ROOT, 'main/electron/main.ts'), 'utf8'));
  const preloadTs = stripComments(readFileSync(path.join(ROOT, 'main/electron/preload.ts'), 'utf8'));

  it('main.ts takes its decisions from the policy module', () => {
    expect(mainTs).toMatch(/from '\.\.\/transport\/electron-policy'/);
    for (const call of [
      'mainWindowOptions(',
      'checkIpcSender(',
      'parseInvokeEnvelope(',
      'resolveAppFile(',
      'isAllowedNavigation(',
      'isPermissionAllowed(',
      'appResponseHeaders(',
    ]) {
      expect(mainTs, call).toContain(call);
    }
    expect(mainTs).toMatch(/ipcMain\.handle\(IPC_CHANNEL,/);
    // The app is this PC's workstation (its own database through openApp, or the office server): main/transport/workstation.ts.
    expect(mainTs).toMatch(/createWorkstation\(/);
  });

  it('main.ts guards every webContents', () => {
    expect(mainTs).toMatch(/app\.on\('web-contents-created'/);
    expect(mainTs).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview']) {
      expect(mainTs, event).toMatch(new RegExp(`\\.on\\('${event}'`));
    }
    expect(mainTs).toContain('setPermissionRequestHandler(');
    expect(mainTs).toContain('setPermissionCheckHandler(');
    expect(mainTs).toContain('requestSingleInstanceLock()');
    expect(mainTs).toContain('registerSchemesAsPrivileged(');
    expect(mainTs).toContain('enableSandbox()');
  });

  it('main.ts never weakens the window or uses import.meta', () => {
    expect(mainTs).not.toMatch(/sandbox:\s*false|nodeIntegration\w*:\s*true|contextIsolation:\s*false|webSecurity:\s*false/);
    expect(mainTs).not.toMatch(/webPreferences\s*:/); // only via mainWindowOptions()
    expect(mainTs).not.toMatch(/import\.meta/);
    expect(mainTs).not.toMatch(/loadFile\(|file:\/\//);
    expect(mainTs).not.toMatch(/shell\.openExternal/);
  });

  it('main.ts never hands a file to the system to open: attachments are only shown in their folder', () => {
    expect(mainTs).not.toMatch(/shell\.openPath|openPath\s*:/);
    expect([...mainTs.matchAll(/shell\.(\w+)/g)].map((m) => m[1])).toEqual(['showItemInFolder']);
  });

  it('preload exposes one invoke function and never ipcRenderer itself', () => {
    const imports = [...preloadTs.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    expect(imports).toEqual(['electron']);
    expect(preloadTs.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preloadTs).toMatch(/exposeInMainWorld\('sanfang', bridge\)/);
    // Every use of ipcRenderer is the import or a call to ipcRenderer.invoke on one of the two channels.
    const uses = [...preloadTs.matchAll(/ipcRenderer(\.\w+)?/g)].map((m) => m[0]);
    expect(uses.filter((u) => u !== 'ipcRenderer.invoke')).toEqual(['ipcRenderer']);
    expect(preloadTs).not.toMatch(/ipcRenderer\.(send|on|sendSync|postMessage)/);
    // The envelope is the method and input, then the optional session and idempotency key (checked again in main).
    expect(preloadTs).toMatch(/const envelope: Record<string, unknown> = \{ method, input \};/);
    expect(preloadTs).toMatch(/ipcRenderer\.invoke\(CHANNEL, envelope\)/);
    expect([...preloadTs.matchAll(/ipcRenderer\.invoke\((\w+),/g)].map((m) => m[1]).sort()).toEqual(['CHANGES_CHANNEL', 'CHANNEL']);
    expect(preloadTs).toMatch(/KNOWN_METHODS\.has\(method\)/);
  });

  it('preload uses the same channels as main', () => {
    expect(preloadTs).toContain(`const CHANNEL = '${IPC_CHANNEL}';`);
    expect(preloadTs).toContain(`const CHANGES_CHANNEL = '${CHANGES_CHANNEL}';`);
    expect(mainTs).toMatch(/ipcMain\.handle\(CHANGES_CHANNEL, handleNextChange\)/);
  });
});
