/**
 * openApp: the one place that turns a data folder into a running app — the
 * start-up integrity check, the database (migrated, with a backup first), the
 * daily backup, the services and the router. Every entry point uses it.
 */
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../shared/contract/errors';
import type { InvokeRequest, InvokeResponse, MethodOutput } from '../shared/contract/methods';
import type { App, AppOptions } from './app-types';
import { dailyBackupIfDue } from './db/backups';
import { openDatabase, type OpenedDatabase } from './db/connection';
import { adviceFor, checkDatabaseFile, findHealthyBackup } from './db/integrity';
import { networkShareWarning } from './db/network-share';
import { createRouter } from './router';
import { AuthService } from './services/auth';
import { ensureDefaultWorkflow } from './services/workflows';
import type { ServiceContext } from './services/context';

export type { App, AppOptions } from './app-types';

export const DB_FILE_NAME = 'sanfang.sqlite';

/**
 * Where Electron keeps this app's user data (app.getPath('userData')), so that
 * the CLI and browser mode find the same database as the desktop app.
 */
export function defaultDataDir(appName = 'SanfangOffice', platform = process.platform, env = process.env): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', appName);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), appName);
}

export function resolvePaths(options: Pick<AppOptions, 'dataDir' | 'dbPath'>) {
  const dbPath = path.resolve(options.dbPath ?? path.join(options.dataDir ?? defaultDataDir(), DB_FILE_NAME));
  const dataDir = options.dbPath ? path.dirname(dbPath) : path.resolve(options.dataDir ?? defaultDataDir());
  return { dbPath, dataDir, backupDir: path.join(dataDir, 'backups') };
}

export async function openApp(options: AppOptions): Promise<App> {
  const { dbPath, dataDir, backupDir } = resolvePaths(options);
  const warnings = [networkShareWarning(dbPath)].filter((w): w is string => w !== null);

  const broken = (problems: string[], message?: string): App => {
    const suggestedBackup = findHealthyBackup(backupDir, options.migrationsDir);
    const advice = message ?? adviceFor(dbPath, problems, suggestedBackup);
    const health: MethodOutput<'system.health'> = { ok: false, dbPath, problems, advice, suggestedBackup: message ? null : suggestedBackup, warnings };
    return {
      dbPath, dataDir,
      async handle(request: InvokeRequest): Promise<InvokeResponse> {
        if (request.method === 'system.health') return { ok: true, result: health };
        return { ok: false, error: { code: 'DATABASE', message: advice } };
      },
      async backupTo() {
        throw new AppError('DATABASE', advice);
      },
      close() {},
    };
  };

  const check = checkDatabaseFile(dbPath, options.startupCheck ?? 'quick');
  if (!check.ok) return broken(check.problems);

  let opened: OpenedDatabase;
  try {
    opened = await openDatabase(dbPath, options.migrationsDir, backupDir);
  } catch (error) {
    if (error instanceof AppError) return broken([error.message], error.message);
    const message = (error as Error).message;
    return broken([message]);
  }
  const ctx: ServiceContext = { db: opened.db, sqlite: opened.sqlite, dataDir, backupDir, migrationsDir: options.migrationsDir };
  const hasData = () => (opened.sqlite.prepare('select (select count(*) from users) + (select count(*) from communities) as n').get() as { n: number }).n > 0;
  if (hasData()) await dailyBackupIfDue(opened.sqlite, backupDir);
  // An office PC may keep the app open for days: the daily backup is checked every hour too.
  const dailyTimer = setInterval(() => {
    if (hasData()) dailyBackupIfDue(opened.sqlite, backupDir).catch((e) => console.error('[backup] daily backup failed', e));
  }, 60 * 60 * 1000);
  dailyTimer.unref();

  ensureDefaultWorkflow(ctx);
  const auth = new AuthService(ctx);
  const health = (): MethodOutput<'system.health'> => ({ ok: true, dbPath, problems: [], advice: null, suggestedBackup: null, warnings });
  const handle = createRouter({ ctx, auth, health, showInFolder: options.showInFolder, savePdf: options.savePdf }, { fixedAuthor: options.fixedAuthor });
  return {
    dbPath, dataDir, handle,
    async backupTo(file: string) {
      await opened.sqlite.backup(file);
    },
    close() {
      clearInterval(dailyTimer);
      opened.sqlite.close();
    },
  };
}
