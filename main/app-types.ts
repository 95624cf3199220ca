/**
 * What every entry point (Electron main, browser-mode server, CLI, tests) gets
 * from openApp() in main/app.ts: one router over one database.
 */
import type { InvokeRequest, InvokeResponse, MethodOutput } from '../shared/contract/methods';

/**
 * Protects the data key on this PC with the operating system's help (the desktop app: Electron's
 * safeStorage — DPAPI on Windows, the Keychain on macOS, the Secret Service on Linux). Without one,
 * the key is kept in a plain key file beside the database (mode 0600): main/security/data-key.ts.
 */
export interface KeyProtector {
  /** Written into the key file, so that a file wrapped by another protector is recognised. */
  name: string;
  wrap(key: Buffer): Buffer;
  unwrap(blob: Buffer): Buffer;
}

export interface AppOptions {
  /** Folder holding the database, backups and attachments. */
  dataDir?: string;
  /** A database file; its folder is then the data folder. */
  dbPath?: string;
  /** Folder of drizzle migrations (resources/migrations when packaged). */
  migrationsDir: string;
  /** Author recorded in the audit for writes without a session (the CLI: "CLI:<user>"). */
  fixedAuthor?: string;
  /**
   * How the file is checked before opening (main/db/integrity.ts): quick_check by
   * default (the app's start); the CLI's reading commands read the header only,
   * its writing commands check the whole file unless it is known sound
   * (main/db/soundness.ts).
   */
  startupCheck?: 'quick' | 'header' | 'before-write';
  /**
   * How long a call waits for another writer before it gives up (BUSY), and who
   * is told while it waits (the CLI prints to stderr). Default: 15 s, silent.
   */
  busyWait?: BusyWait;
  /**
   * Whether the caller is the person at this PC (the desktop app over IPC, the
   * CLI): then `system.health` before login tells the file's path, its problems
   * and the backup to restore. Browser mode (and later an office server) says
   * only whether the database is usable until someone has signed in.
   */
  trustedCaller?: boolean;
  /**
   * Show a file in the system's file manager, selected, without opening it
   * (the desktop app: shell.showItemInFolder) — for attachments the app does
   * not show itself (Office documents, text). Browser mode has none: the file
   * goes back to the page to be downloaded instead.
   */
  showInFolder?: (filePath: string) => void;
  /**
   * Save the page being shown as a PDF (the desktop app: webContents.printToPDF
   * and a save dialog); resolves to the file written, or null when cancelled.
   * Browser mode has none: the page uses the browser's print instead.
   */
  savePdf?: (suggestedName: string) => Promise<string | null>;
  /** How the data key is protected on this PC; none: a plain key file (browser mode, the CLI). */
  keyProtector?: KeyProtector;
  /**
   * Serving this database to the office's other PCs while the app is open (main/transport/workstation.ts). The
   * router checks who asks (a 管理员 of this database, at this PC) and writes the audit row; the shell listens.
   */
  officeHosting?: OfficeHosting;
}

/** What the shell does for `workstation.host` / `workstation.stopHosting`; each resolves to the PC's status after it. */
export interface OfficeHosting {
  start(listen: string): Promise<MethodOutput<'workstation.status'>>;
  stop(): Promise<MethodOutput<'workstation.status'>>;
}

export interface BusyWait {
  limitMs: number;
  onWait?: (waitedMs: number, limitMs: number) => void;
}

/**
 * Where a call comes from: the person at this PC (IPC, loopback browser mode, the CLI) or another PC through the
 * office server (main/transport/office-server.ts). A network call never gets this PC's own powers — the file
 * manager, a PDF saved here, the detail of system.health before sign-in, the first administrator's setup.
 */
export type CallOrigin = 'local' | 'network';

/** What a signed-in person hears of others' saves (main/services/change-feed.ts): kinds and ids, never contents. */
export interface ChangeNotice {
  kinds: string[];
  ids: string[];
}

export interface App {
  readonly dbPath: string;
  readonly dataDir: string;
  handle(request: InvokeRequest, origin?: CallOrigin): Promise<InvokeResponse>;
  /**
   * Hear of changes while the session lasts; null when the session is not (or no longer) signed in. The
   * listener gets null when the session ends, and nothing more after that.
   */
  subscribe(session: string | undefined, listener: (notice: ChangeNotice | null) => void): (() => void) | null;
  /** A backup with SQLite's backup API to a file of the caller's choosing (CLI `backup --out`). */
  backupTo(file: string): Promise<void>;
  close(): void;
}
