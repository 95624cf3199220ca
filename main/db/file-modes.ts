/**
 * The data folder is private to the OS account that runs the app: folders
 * 0700, files 0600 on Linux and macOS, so that other local accounts cannot read
 * the database, its backups or attachments. (Windows keeps a user's AppData
 * private by its own ACLs; modes do not apply there.)
 */
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const applies = process.platform !== 'win32';

/** Create a folder if need be and make it 0700 (a folder already 0700 is left alone: it may be read-only). */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (applies && (fs.statSync(dir).mode & 0o777) !== PRIVATE_DIR_MODE) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Make one file 0600 (missing files are ignored: a -wal may come and go). */
export function makePrivate(file: string): void {
  if (!applies) return;
  try {
    fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
}

/**
 * Bring a data folder written by an earlier version (755/644) to 0700/0600:
 * the folder, its subfolders (backups, attachments) and every file in them.
 */
export function tightenDataFolder(dataDir: string): void {
  if (!applies || !fs.existsSync(dataDir)) return;
  // Another process may remove a file meanwhile (a -wal at its close): a file gone is no longer to tighten.
  const gone = (error: unknown) => (error as { code?: string }).code === 'ENOENT';
  const tighten = (file: string, mode: number) => {
    try {
      if ((fs.statSync(file).mode & 0o777) !== mode) fs.chmodSync(file, mode);
    } catch (error) {
      if (!gone(error)) throw error;
    }
  };
  const walk = (dir: string) => {
    tighten(dir, PRIVATE_DIR_MODE);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (gone(error)) return;
      throw error;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) tighten(full, PRIVATE_FILE_MODE);
    }
  };
  walk(dataDir);
}
