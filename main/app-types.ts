/**
 * What every entry point (Electron main, browser-mode server, CLI, tests) gets
 * from openApp() in main/app.ts: one router over one database.
 */
import type { InvokeRequest, InvokeResponse } from '../shared/contract/methods';

export interface AppOptions {
  /** Folder holding the database, backups and attachments. */
  dataDir?: string;
  /** A database file; its folder is then the data folder. */
  dbPath?: string;
  /** Folder of drizzle migrations (resources/migrations when packaged). */
  migrationsDir: string;
  /** Author recorded in the audit for writes without a session (the CLI: "CLI:<user>"). */
  fixedAuthor?: string;
  /** How the file is checked before opening (main/db/integrity.ts): quick_check by default; the CLI reads the header only. */
  startupCheck?: 'quick' | 'header';
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
}

export interface App {
  readonly dbPath: string;
  readonly dataDir: string;
  handle(request: InvokeRequest): Promise<InvokeResponse>;
  /** A backup with SQLite's backup API to a file of the caller's choosing (CLI `backup --out`). */
  backupTo(file: string): Promise<void>;
  close(): void;
}
