/**
 * openApp: the one place that turns a data folder into a running app — the
 * start-up integrity check, the database (migrated, with a backup first), the
 * daily backup, the services and the router. Every entry point uses it.
 */
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../shared/contract/errors';
import type { InvokeRequest, InvokeResponse, MethodOutput } from '../shared/contract/methods';
import type { App, AppOptions, CallOrigin } from './app-types';
import { backupToFile, dailyBackupIfDue } from './db/backups';
import { openDatabase, type OpenedDatabase } from './db/connection';
import { faultKind, faultMessage, isSqliteBusy } from './db/faults';
import { ensurePrivateDir, tightenDataFolder } from './db/file-modes';
import { adviceFor, checkDatabaseFile, findHealthyBackup, type FileCheck } from './db/integrity';
import { networkShareWarning } from './db/network-share';
import { countOf } from './db/rows';
import { isKnownSound, recordSound } from './db/soundness';
import { createRouter } from './router';
import { AuthService } from './services/system/auth';
import { ensureDefaultWorkflow } from './services/meetings/workflows';
import { indexMissingDocuments } from './services/system/search-sources';
import { hasOldKeys, purgeOldKeys } from './services/system/idempotency';
import { write, type ServiceContext } from './services/context';
import type { DataKeys } from './security/cipher';
import { keyFilePath, keyWarnings, openDataKey, type KeyPlace, type KeyState } from './security/data-key';
import { lockedApp } from './security/locked-app';
import { visibleChanges } from './security/access';
import { ChangeFeed } from './services/change-feed';
import { sealLegacyPlaintext } from './security/seal-legacy';

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

type Health = MethodOutput<'system.health'>;

/** A warning for the banner: in full for the person at this PC, without paths for anyone else. */
interface Warning {
  full: string;
  plain: string;
}

/** What an unauthenticated caller of browser mode learns: only whether the database is usable. */
const UNUSABLE_PLAIN = '数据文件无法使用。请在安装三方办的电脑上打开本程序查看原因和可用的备份，或由技术人员在那台电脑上运行 npm run -s cli -- check。';

function healthFor(detailed: boolean, full: Health, warnings: readonly Warning[]): Health {
  if (detailed) return { ...full, warnings: warnings.map((w) => w.full) };
  return { ok: full.ok, dbPath: null, problems: [], advice: full.ok ? null : UNUSABLE_PLAIN, suggestedBackup: null, warnings: warnings.map((w) => w.plain) };
}

/**
 * The file check a start asks for: quick_check (the app), the header (the
 * CLI's reading commands), or quick_check only when the file is not known sound
 * since its last check (the CLI's writing commands, main/db/soundness.ts).
 */
function startupCheck(dbPath: string, mode: AppOptions['startupCheck']): { check: FileCheck; sound: boolean } {
  if (mode === 'header') return { check: checkDatabaseFile(dbPath, 'header'), sound: isKnownSound(dbPath) };
  if (mode === 'before-write') {
    const header = checkDatabaseFile(dbPath, 'header');
    if (!header.ok || isKnownSound(dbPath)) return { check: header, sound: header.ok };
  }
  const check = checkDatabaseFile(dbPath, 'quick');
  return { check, sound: check.ok };
}

/** Runs a clean-up when `needed` says there is something to clean, and skips it while another program writes. */
function forgetQuietly(clean: () => unknown, needed: () => boolean): void {
  if (!needed()) return;
  try {
    clean();
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'BUSY') && !isSqliteBusy(error)) throw error;
  }
}

export async function openApp(options: AppOptions): Promise<App> {
  const { dbPath, dataDir, backupDir } = resolvePaths(options);
  const warnings: Warning[] = [];
  const share = networkShareWarning(dbPath);
  if (share) warnings.push({ full: share, plain: networkShareWarning(dbPath, process.platform, false)! });

  const broken = (problems: string[], message?: string): App => {
    // A fault that is not damage (a read-only folder…) or a newer version: its own message, no backup talk.
    const suggestedBackup = message ? null : findHealthyBackup(backupDir, options.migrationsDir);
    const advice = message ?? adviceFor(dbPath, problems, suggestedBackup);
    const health: Health = { ok: false, dbPath, problems, advice, suggestedBackup, warnings: [] };
    return {
      dbPath, dataDir,
      async handle(request: InvokeRequest, origin: CallOrigin = 'local'): Promise<InvokeResponse> {
        const trusted = options.trustedCaller === true && origin === 'local';
        if (request.method === 'system.health') return { ok: true, result: healthFor(trusted, health, warnings) };
        return { ok: false, error: { code: 'DATABASE', message: trusted ? advice : UNUSABLE_PLAIN } };
      },
      subscribe: () => null,
      async backupTo() {
        throw new AppError('DATABASE', advice);
      },
      close() {},
    };
  };
  const fault = (error: unknown): App | null => {
    const kind = faultKind(error);
    if (!kind || kind === 'damaged') return null;
    const message = faultMessage(kind, { dataDir });
    return broken([message], message);
  };

  try {
    ensurePrivateDir(dataDir);
    tightenDataFolder(dataDir);
  } catch (error) {
    const failed = fault(error);
    if (failed) return failed;
    throw error;
  }

  const { check, sound } = startupCheck(dbPath, options.startupCheck ?? 'quick');
  if (!check.ok) return check.fault ? broken(check.problems, check.problems[0]) : broken(check.problems);
  if (sound) recordSound(dbPath);

  let opened: OpenedDatabase;
  try {
    opened = await openDatabase(dbPath, options.migrationsDir, backupDir);
  } catch (error) {
    if (error instanceof AppError) return broken([error.message], error.message);
    return fault(error) ?? broken([(error as Error).message]);
  }
  const keyPlace: KeyPlace = { dbPath, protector: options.keyProtector };
  let key: KeyState;
  try {
    key = openDataKey(opened.sqlite, dbPath, options.keyProtector);
  } catch (error) {
    opened.sqlite.close();
    return fault(error) ?? broken([(error as Error).message], `数据密钥无法保存或读取：${(error as Error).message}`);
  }
  if (key.state === 'locked') {
    const trusted = options.trustedCaller === true;
    const locked: Health = {
      ok: false, dbPath: trusted ? dbPath : null, problems: trusted ? [key.problem] : [], advice: trusted ? key.advice : key.plainAdvice,
      suggestedBackup: null, warnings: warnings.map((w) => (trusted ? w.full : w.plain)), needsRecoveryCode: key.recoveryCode,
    };
    return lockedApp({ opened, dataDir, keyPlace, health: locked, refusal: trusted ? `${key.problem}${key.advice}` : key.plainAdvice, start: (keys) => startApp(keys, true) });
  }
  return startApp(key.keys, false);

  async function startApp(keys: DataKeys, unlockedByRecoveryCode: boolean): Promise<App> {
    try {
      // Before anything is read, served or backed up: plaintext from before encryption is sealed (once).
      sealLegacyPlaintext(opened.sqlite, keys);
    } catch (error) {
      opened.sqlite.close();
      const failed = fault(error);
      if (failed) return failed;
      throw error;
    }
    const changes = new ChangeFeed();
    const ctx: ServiceContext = {
      db: opened.db, sqlite: opened.sqlite, dataDir, backupDir, migrationsDir: options.migrationsDir, keys, changes,
    };
    const hasData = () => countOf(opened.sqlite.prepare('select (select count(*) from users) + (select count(*) from communities)').pluck().get()) > 0;
    // A daily backup that fails (a full disk) is a warning on every screen, not a reason to stop working.
    const dailyBackup = async () => {
      try {
        if (hasData()) await dailyBackupIfDue(opened.sqlite, backupDir);
      } catch (error) {
        const kind = faultKind(error);
        const why = kind ? faultMessage(kind, { dataDir }) : (error as Error).message;
        const plain = kind ? faultMessage(kind) : '';
        if (!warnings.some((w) => w.full.startsWith('今天的自动备份'))) warnings.push({ full: `今天的自动备份没有成功：${why}`, plain: `今天的自动备份没有成功：${plain}` });
        console.error('[backup] daily backup failed', error);
      }
    };
    await dailyBackup();
    // An office PC may keep the app open for days: the daily backup is checked every hour too.
    const dailyTimer = setInterval(() => void dailyBackup(), 60 * 60 * 1000);
    dailyTimer.unref();

    const auth = new AuthService(ctx);
    try {
      ensureDefaultWorkflow(ctx);
      indexMissingDocuments(ctx);
      // Sessions kept across restarts and requests' keys (issue 17): what has run out is forgotten at each start —
      // when there is any (a look needs no lock), and never by waiting for another writer: a CLI command started
      // while the app writes must reach its own visible wait (the router's), not stop here.
      forgetQuietly(() => auth.dropExpired(), () => auth.hasExpired());
      forgetQuietly(() => purgeOldKeys(ctx.db), () => hasOldKeys(ctx.db));
      if (unlockedByRecoveryCode) {
        // Nobody is signed in on a locked start: the log says how the key came to this PC.
        const actor = { author: options.fixedAuthor ?? '启动页（恢复码）', userId: null };
        write(ctx, actor, (tx) => tx.audit({ action: 'unlock-data-key', entity: 'database', entityId: null, after: { keyId: keys.keyId, keyFile: keyFilePath(dbPath) } }));
      }
    } catch (error) {
      clearInterval(dailyTimer);
      opened.sqlite.close();
      const failed = fault(error);
      if (failed) return failed;
      throw error;
    }
    const full = (): Health => ({ ok: true, dbPath, problems: [], advice: null, suggestedBackup: null, warnings: [] });
    // The data key's warning changes while the app runs (the backup screen takes the recovery code): asked each time.
    const health = (detailed: boolean, origin: CallOrigin) => healthFor(detailed || (options.trustedCaller === true && origin === 'local'), full(),
      [...warnings, ...keyWarnings(opened.sqlite).map((w) => ({ full: w, plain: w }))]);
    const handle = createRouter(
      { ctx, auth, health, keyPlace, showInFolder: options.showInFolder, savePdf: options.savePdf, officeHosting: options.officeHosting },
      {
        fixedAuthor: options.fixedAuthor, busyWait: options.busyWait,
        damageAdvice: () => adviceFor(dbPath, ['数据库文件已损坏'], findHealthyBackup(backupDir, options.migrationsDir)),
      },
    );
    return {
      dbPath, dataDir, handle,
      subscribe(session, listener) {
        if (!auth.userFor(session)) return null;
        const stop = changes.listen((changed) => {
          // Asked again at each notice: a session that ended or was locked hears nothing more.
          const user = auth.userFor(session);
          if (!user) {
            stop();
            listener(null);
            return;
          }
          if (auth.isLocked(session)) return;
          const notice = visibleChanges(ctx, { grants: user.grants, companyId: user.companyId }, changed);
          if (notice.kinds.length > 0) listener(notice);
        });
        return stop;
      },
      async backupTo(file: string) {
        await backupToFile(opened.sqlite, file);
      },
      close() {
        changes.close();
        clearInterval(dailyTimer);
        opened.sqlite.close();
        // Opened sound and changed only through SQLite since: still sound (main/db/soundness.ts).
        if (sound) recordSound(dbPath);
      },
    };
  }
}
