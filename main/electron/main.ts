/**
 * Electron main process — a thin shell.
 *
 * Everything decided here (window options, CSP, trusted navigation and IPC
 * senders, request shapes, protocol file mapping, permissions) comes from the
 * pure, unit-tested main/transport/electron-policy.ts; the app itself comes
 * from createWorkstation() (main/transport/workstation.ts), shared with the
 * browser-mode server: this PC's database (openApp, as the CLI uses) or the
 * office server it was connected to, and serving it to others when chosen.
 * This file only wires them to Electron.
 *
 * Bundled by scripts/build-electron.mjs to dist/electron/main.cjs (CommonJS,
 * so __dirname is dist/electron; preload.cjs sits beside it and the renderer
 * in dist/renderer).
 */
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  shell,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import { createWorkstation } from '../transport/workstation';
import { safeStorageProtector } from '../security/os-protector';
import type { App, ChangeNotice } from '../app-types';
import { ChangeWaiter } from '../transport/change-waiter';
import type { InvokeResponse } from '../../shared/contract/methods';
import { AppError } from '../../shared/contract/errors';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  IPC_CHANNEL,
  CHANGES_CHANNEL,
  USER_DATA_FOLDER_NAME,
  appResponseHeaders,
  checkIpcSender,
  forbiddenSenderError,
  internalError,
  isAllowedNavigation,
  isAllowedRequestUrl,
  isPermissionAllowed,
  mainWindowOptions,
  parseInvokeEnvelope,
  resolveAppFile,
} from '../transport/electron-policy';

const RENDERER_DIR = path.join(__dirname, '..', 'renderer');
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');

let mainWindow: BrowserWindow | null = null;
let sanfang: App | null = null;
let changes: ChangeWaiter | null = null;

// --- before 'ready' ----------------------------------------------------------

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
app.enableSandbox(); // every renderer sandboxed, whatever its webPreferences say
// Date and time inputs, spell-check and built-in texts in Chinese whatever the system's language.
app.commandLine.appendSwitch('lang', 'zh-CN');
// Same data folder for `npm start` and the installed app (productName differs).
app.setPath('userData', path.join(app.getPath('appData'), USER_DATA_FOLDER_NAME));

if (!app.requestSingleInstanceLock()) {
  // One writer per database: a second copy hands over to the first and exits.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  // One window, one database handle: closing the window quits on every platform.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    sanfang?.close();
    sanfang = null;
  });
  app.whenReady().then(start).catch(fatal);
}

// --- after 'ready' -----------------------------------------------------------

async function start(): Promise<void> {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
  protocol.handle(APP_SCHEME, serveAppFile);

  sanfang = await createWorkstation({
    dataDir: app.getPath('userData'),
    migrationsDir: app.isPackaged
      ? path.join(process.resourcesPath, 'migrations')
      : path.join(app.getAppPath(), 'main/db/migrations'),
    // Attachments are never opened by the system (shell.openPath would run an .exe or a .bat):
    // PDFs and images show in the app's own viewer, the rest is shown in its folder.
    showInFolder: (filePath) => shell.showItemInFolder(filePath),
    savePdf,
    // The data key wrapped by this OS account (after 'ready', as safeStorage requires).
    keyProtector: safeStorageProtector(safeStorage),
    // The person at this PC: health before login tells the file and the backup to restore.
    trustedCaller: true,
  });

  const opened = sanfang;
  changes = new ChangeWaiter(() => opened);
  ipcMain.handle(IPC_CHANNEL, handleInvoke);
  ipcMain.handle(CHANGES_CHANNEL, handleNextChange);
  Menu.setApplicationMenu(buildMenu());
  createWindow();
}

function createWindow(): void {
  const win = new BrowserWindow(mainWindowOptions(PRELOAD_PATH, { devTools: !app.isPackaged }));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  // The renderer refuses to unload while typed text is unsaved (beforeunload); Electron asks nothing by itself,
  // so closing or reloading would silently fail: ask here, in the renderer's words (zh-CN.unsaved).
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning', title: '有未保存的修改', message: '本页有未保存的修改，离开将丢失。',
      buttons: ['放弃修改并离开', '留在本页'], defaultId: 1, cancelId: 1, noLink: true,
    });
    if (choice === 0) event.preventDefault();
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(APP_ENTRY_URL).catch((err: unknown) => console.error('[sanfang] 页面加载失败', err));
}

/** The print view on screen to an A4 PDF the user places (print CSS and @page rules apply). */
async function savePdf(suggestedName: string): Promise<string | null> {
  const win = mainWindow;
  if (!win) return null;
  const pdf = await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
  const choice = await dialog.showSaveDialog(win, {
    defaultPath: path.join(app.getPath('documents'), `${suggestedName}.pdf`),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) return null;
  await writeFile(choice.filePath, pdf);
  return choice.filePath;
}

/** Applied to every webContents the app ever creates. */
function guardWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  // No new windows, no external links opened from the page.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** app://sanfang/… → files of the built renderer, with the strict CSP. */
async function serveAppFile(request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method Not Allowed', { status: 405, headers: appResponseHeaders(null) });
  }
  const resolved = resolveAppFile(RENDERER_DIR, request.url);
  if (!resolved.ok) {
    return new Response(resolved.reason, { status: resolved.status, headers: appResponseHeaders(null) });
  }
  try {
    const body = await readFile(resolved.filePath);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: appResponseHeaders(resolved.filePath),
    });
  } catch {
    const message = resolved.isIndex ? '未找到页面文件，请先运行 npm run build。' : 'Not Found';
    return new Response(message, { status: 404, headers: appResponseHeaders(null) });
  }
}

/** The one IPC channel: trusted sender, well-formed envelope, then the router. */
async function handleInvoke(event: IpcMainInvokeEvent, raw: unknown): Promise<InvokeResponse> {
  try {
    const frame = event.senderFrame;
    const sender = checkIpcSender({ senderUrl: frame?.url, isMainFrame: frame !== null && frame.parent === null });
    if (!sender.ok) {
      console.warn('[sanfang:invoke] 拒绝调用者:', sender.reason);
      return { ok: false, error: forbiddenSenderError() };
    }
    const envelope = parseInvokeEnvelope(raw);
    if (!envelope.ok) return { ok: false, error: envelope.error };
    if (!sanfang) return { ok: false, error: internalError() };
    return await sanfang.handle(envelope.request);
  } catch (err) {
    console.error('[sanfang:invoke]', err);
    return { ok: false, error: internalError() };
  }
}

/** The window waits for the next change notice; its webContents is its key (main/transport/change-waiter.ts). */
async function handleNextChange(event: IpcMainInvokeEvent, session: unknown): Promise<ChangeNotice | null> {
  const frame = event.senderFrame;
  if (!checkIpcSender({ senderUrl: frame?.url, isMainFrame: frame !== null && frame.parent === null }).ok) return null;
  if (typeof session !== 'string' || session.length === 0 || session.length > 200 || !changes) return null;
  const client = String(event.sender.id);
  event.sender.once('destroyed', () => changes?.drop(client));
  return changes.next(client, session);
}

function buildMenu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { role: 'reload', label: '重新加载' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const, label: '开发者工具' }]),
        { type: 'separator' },
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
      ],
    },
    {
      label: '帮助',
      submenu: [
        {
          label: '关于三方办',
          click: () => {
            void dialog.showMessageBox({
              type: 'info',
              title: '关于三方办',
              message: `三方办 ${app.getVersion()}`,
              detail: `数据文件夹：${sanfang?.dataDir ?? app.getPath('userData')}`,
            });
          },
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}

function fatal(err: unknown): void {
  console.error('[sanfang] 启动失败', err);
  const detail = err instanceof AppError ? err.message : `程序无法启动：${err instanceof Error ? err.message : String(err)}`;
  dialog.showErrorBox('三方办无法启动', detail);
  app.exit(1);
}
