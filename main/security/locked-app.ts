/**
 * The app while the database's data key is not on this PC (a backup restored from another PC):
 * it does not pretend. It answers system.health with exactly that and what to do, and
 * dataKey.unlock; everything else is refused with the same words. Once the recovery code has
 * unwrapped the key, the full app starts and answers from then on.
 */
import { AppError } from '../../shared/contract/errors';
import { methods, type InvokeRequest, type InvokeResponse, type MethodOutput } from '../../shared/contract/methods';
import type { App, CallOrigin } from '../app-types';
import { backupToFile } from '../db/backups';
import type { OpenedDatabase } from '../db/connection';
import type { DataKeys } from './cipher';
import { LOGIN_LIMITS, LoginLimiter } from '../services/system/login-limits';
import { unlockDataKey, type KeyPlace } from './data-key';

interface Locked {
  opened: OpenedDatabase;
  dataDir: string;
  keyPlace: KeyPlace;
  /** What system.health answers: the problem and the advice (without paths for a caller who is not the person at this PC). */
  health: MethodOutput<'system.health'>;
  /** What every other method is refused with. */
  refusal: string;
  /** Starts the full app with the unlocked key. */
  start: (keys: DataKeys) => Promise<App>;
}

const NOT_UNLOCKED_ON_SERVER = '办公室服务器上的数据尚未解锁：请在服务器电脑上打开本程序，输入恢复码。';

export function lockedApp({ opened, dataDir, keyPlace, health, refusal, start }: Locked): App {
  const { dbPath } = keyPlace;
  let unlocked: App | null = null;
  // Guessing the 100-bit code costs a scrypt each try; still, tries are limited like logins (services/system/login-limits.ts).
  const tries = new LoginLimiter({ ...LOGIN_LIMITS, overall: LOGIN_LIMITS.perUser });

  async function unlock(input: unknown): Promise<InvokeResponse> {
    const parsed = methods['dataKey.unlock'].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', message: parsed.error.issues.map((i) => i.message).join('；') } };
    try {
      try {
        tries.admit('unlock');
      } catch {
        throw new AppError('REFUSED', `1分钟内已尝试解锁${LOGIN_LIMITS.perUser}次，请1分钟后再试`);
      }
      unlocked = await start(await unlockDataKey(opened.sqlite, dbPath, keyPlace.protector, parsed.data.recoveryCode));
      return { ok: true, result: { ok: true } };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toEnvelope() };
      console.error('[data-key] unlock failed', error);
      return { ok: false, error: { code: 'INTERNAL', message: `解锁未完成：${(error as Error).message}` } };
    }
  }

  return {
    dbPath, dataDir,
    async handle(request: InvokeRequest, origin: CallOrigin = 'local'): Promise<InvokeResponse> {
      if (unlocked) return unlocked.handle(request, origin);
      // The recovery code is typed at the server itself: another PC learns only that it has not been.
      if (origin === 'network') {
        if (request.method === 'system.health') return { ok: true, result: { ok: false, dbPath: null, problems: [], advice: NOT_UNLOCKED_ON_SERVER, suggestedBackup: null, warnings: [] } };
        return { ok: false, error: { code: 'DATABASE', message: NOT_UNLOCKED_ON_SERVER } };
      }
      if (request.method === 'system.health') return { ok: true, result: health };
      if (request.method === 'dataKey.unlock') return unlock(request.input);
      return { ok: false, error: { code: 'DATABASE', message: refusal } };
    },
    subscribe: (session, listener) => unlocked?.subscribe(session, listener) ?? null,
    async backupTo(file: string) {
      // Everything personal in it is sealed: a backup of a locked database is as safe as the database.
      await (unlocked ? unlocked.backupTo(file) : backupToFile(opened.sqlite, file));
    },
    close() {
      if (unlocked) unlocked.close();
      else opened.sqlite.close();
    },
  };
}
