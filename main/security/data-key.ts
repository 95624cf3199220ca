/**
 * The data key's life (the cryptography is cipher.ts's):
 * - made on first start (32 random bytes) and kept on this PC in a key file beside the
 *   database, `<database>.key`, written 0600: in the clear (browser mode, the CLI), or
 *   wrapped by the operating system through a KeyProtector (the desktop app's safeStorage);
 * - named in the database's one data_key row (key_id), and wrapped there by the
 *   administrator's recovery code, so that a backup carries a way back to its key;
 * - when the database names a key this PC does not hold, the app is locked: it says so and
 *   takes the recovery code, which unwraps the key and stores it here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/contract/errors';
import type { KeyProtector } from '../app-types';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { nowIso } from '../db/clock';
import type { Sqlite } from '../db/connection';
import { checkedRow, countOf } from '../db/rows';
import { users } from '../db/schema/system';
import { write, type Actor, type ServiceContext } from '../services/context';
import { normalizeRecoveryCode, verifySecret } from '../services/system/passwords';
import { dataKeys, keyIdOf, newDataKey, SealError, unwrapWithCode, DATA_KEY_BYTES, type DataKeys } from './cipher';

/** Where this PC keeps a database's key: beside it, named after it. */
export function keyFilePath(dbPath: string): string {
  return `${dbPath}.key`;
}

/** The key file: the key in base64 (protector "none"), or the protector's wrapped blob. */
interface KeyFile {
  format: 'sanfang-data-key';
  version: 1;
  keyId: string;
  protector: string;
  data: string;
}

const PLAIN = 'none';

type LocalKey =
  | { kind: 'none' }
  | { kind: 'key'; key: Buffer; protector: string }
  | { kind: 'unreadable'; reason: string; otherProtector?: boolean };

function readLocalKey(file: string, protector: KeyProtector | undefined): LocalKey {
  let content: KeyFile;
  try {
    content = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'unreadable', reason: `密钥文件 ${file} 无法读取（${(error as Error).message}）` };
  }
  if (content?.format !== 'sanfang-data-key' || content.version !== 1 || typeof content.data !== 'string') {
    return { kind: 'unreadable', reason: `密钥文件 ${file} 的格式无法识别` };
  }
  let key: Buffer;
  if (content.protector === PLAIN) key = Buffer.from(content.data, 'base64');
  else if (!protector || protector.name !== content.protector) {
    return { kind: 'unreadable', otherProtector: true, reason: `密钥文件 ${file} 由桌面版交给本机系统账户保护（${content.protector}），命令行和浏览器模式读不到它` };
  } else {
    try {
      key = protector.unwrap(Buffer.from(content.data, 'base64'));
    } catch (error) {
      return { kind: 'unreadable', reason: `系统解不开密钥文件 ${file}（${(error as Error).message}）：可能换了系统账户、重装了系统，或文件是从别的电脑复制来的` };
    }
  }
  if (key.length !== DATA_KEY_BYTES) return { kind: 'unreadable', reason: `密钥文件 ${file} 中的密钥长度不对` };
  return { kind: 'key', key, protector: content.protector };
}

/** Written whole or not at all (a temp file renamed over), flushed to disk, readable by this OS user only. */
function writeLocalKey(file: string, key: Buffer, protector: KeyProtector | undefined): void {
  const content: KeyFile = {
    format: 'sanfang-data-key', version: 1, keyId: keyIdOf(key),
    protector: protector?.name ?? PLAIN,
    data: (protector ? protector.wrap(key) : key).toString('base64'),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.fchmodSync(fd, 0o600); // mode at open is cut by the umask, never widened; chmod says it outright
    fs.writeSync(fd, JSON.stringify(content));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  try {
    const dir = fs.openSync(path.dirname(file), 'r');
    fs.fsyncSync(dir);
    fs.closeSync(dir);
  } catch {
    // Windows cannot open a folder to flush it; the rename is durable enough there.
  }
}

const keyRowSchema = z.object({
  keyId: z.string(), recoveryWrap: z.string().nullable(), sealedAt: z.string().nullable(), vacuumedAt: z.string().nullable(),
});
type KeyRow = z.output<typeof keyRowSchema>;

export function keyRow(sqlite: Sqlite): KeyRow | undefined {
  return checkedRow(keyRowSchema, sqlite.prepare('select key_id as keyId, recovery_wrap as recoveryWrap, sealed_at as sealedAt, vacuumed_at as vacuumedAt from data_key where id = 1')
    .get());
}

export type KeyState =
  | { state: 'ready'; keys: DataKeys }
  | {
    state: 'locked';
    /** What is wrong, in plain Chinese. */
    problem: string;
    /** What to do about it. */
    advice: string;
    /** The advice without file paths, for a caller who is not the person at this PC (browser mode before sign-in). */
    plainAdvice: string;
    /** Whether the administrator's recovery code can unlock it (the database holds the key wrapped by it). */
    recoveryCode: boolean;
  };

function lockedState(dbPath: string, local: LocalKey, row: KeyRow | undefined): KeyState {
  const file = keyFilePath(dbPath);
  // The problem names the file; the advice starts with the cause in a few words, so that it reads whole
  // on its own (the CLI prints only the advice).
  const [problem, cause] = local.kind === 'unreadable'
    ? [`${local.reason}。`, `${local.reason}。`]
    : local.kind === 'key'
      ? [`本机的密钥文件 ${file} 属于另一份数据：这个数据库中的身份证号和电话是用另一台电脑（或另一份数据）的密钥加密的，很可能是从那里的备份恢复过来的。`,
        '这份数据的身份证号和电话是在另一台电脑上加密的，本机的密钥不是它的。']
      : [`这个数据库中的身份证号和电话是加密保存的，而本机没有它的数据密钥（${file} 不存在）：数据很可能是在另一台电脑上加密后，通过备份恢复到这里的。`,
        '这份数据的身份证号和电话是在另一台电脑上加密的，本机没有它的数据密钥。'];
  const todo = row?.recoveryWrap ? unlockAdvice(dbPath)
    : local.kind === 'unreadable' && local.otherProtector ? '请在桌面版中使用这份数据。'
      : row ? noWrapAdvice(dbPath) : '请用桌面版打开这份数据（它会把升级前的数据加密）。';
  const plainCause = local.kind === 'unreadable' ? '本机读不到这份数据的密钥。' : cause;
  const plainTodo = row?.recoveryWrap ? '请输入管理员的恢复码解锁。' : '请在安装三方办的电脑上打开本程序查看处理办法。';
  return { state: 'locked', problem, advice: `${cause}${todo}`, plainAdvice: `${plainCause}${plainTodo}`, recoveryCode: Boolean(row?.recoveryWrap) };
}

function unlockAdvice(dbPath: string): string {
  return `请用管理员的恢复码解锁：在本程序的启动页输入恢复码，或运行 npm run -s cli -- --db "${dbPath}" unlock --recovery-code 恢复码。`
    + '解锁后密钥保存在本机，之后照常使用。恢复码每用一次会换新：如果这份数据备份之后换过，请用备份当时有效的那一组。';
}

function noWrapAdvice(dbPath: string): string {
  const file = keyFilePath(dbPath);
  return `这个数据库里没有用恢复码保护的密钥副本（加密时还没有设置管理员恢复码）。请把原电脑数据文件夹中的密钥文件 ${path.basename(file)} 复制为 ${file}，然后重新打开。`;
}

/**
 * At every start, after the migrations: the key this database needs, from this PC. A database
 * without a data_key row (new, or from before encryption) holds nothing sealed yet: it gets this
 * PC's key, or a new one. A key file is never replaced by another key here, only by unlocking; the
 * desktop app only rewraps the same key with the OS's protection.
 */
export function openDataKey(sqlite: Sqlite, dbPath: string, protector?: KeyProtector): KeyState {
  const file = keyFilePath(dbPath);
  const row = keyRow(sqlite);
  const local = readLocalKey(file, protector);
  if (row) {
    if (local.kind !== 'key' || keyIdOf(local.key) !== row.keyId) return lockedState(dbPath, local, row);
    // A plain key file found by the desktop app is handed to the OS's protection.
    if (protector && local.protector !== protector.name) writeLocalKey(file, local.key, protector);
    return { state: 'ready', keys: dataKeys(local.key) };
  }
  if (local.kind === 'unreadable') return lockedState(dbPath, local, row);
  const key = local.kind === 'key' ? local.key : newDataKey();
  // The file first: a row naming a key that was never written would lock the database for good.
  if (local.kind === 'none' || (protector && local.protector !== protector.name)) writeLocalKey(file, key, protector);
  sqlite.prepare('insert into data_key (id, key_id, recovery_wrap, created_at) values (1, ?, null, ?)').run(keyIdOf(key), nowIso());
  return { state: 'ready', keys: dataKeys(key) };
}

/** The keys for code that opens a database below openApp (tests, benches); throws when this PC does not hold them. */
export function requireDataKeys(sqlite: Sqlite, dbPath: string): DataKeys {
  const key = openDataKey(sqlite, dbPath);
  if (key.state === 'locked') throw new AppError('DATABASE', `${key.problem}${key.advice}`);
  return key.keys;
}

const WRONG_CODE = '恢复码不对：它解不开这个数据库的数据密钥。请核对管理员保存的恢复码（20 位，分 4 组，如 7K3QD-M2XPA-…）；'
  + '恢复码每用一次会换新，如果这份数据备份之后换过，请用备份当时有效的那一组。';

/** The recovery code unwraps the database's key, which is then kept on this PC (replacing any other key file). */
export async function unlockDataKey(sqlite: Sqlite, dbPath: string, protector: KeyProtector | undefined, typedCode: string): Promise<DataKeys> {
  const row = keyRow(sqlite);
  if (!row) throw new AppError('REFUSED', '这个数据库还没有数据密钥，不需要解锁');
  if (!row.recoveryWrap) throw new AppError('REFUSED', noWrapAdvice(dbPath));
  // The office's wrap first, then those of the administrators added later (accounts.ts): any of their codes opens it.
  const wraps = [row.recoveryWrap, ...administratorWraps(sqlite)];
  for (const wrap of wraps) {
    let key: Buffer;
    try {
      key = await unwrapWithCode(wrap, normalizeRecoveryCode(typedCode), row.keyId);
    } catch (error) {
      if (!(error instanceof SealError)) throw error;
      continue;
    }
    writeLocalKey(keyFilePath(dbPath), key, protector);
    return dataKeys(key);
  }
  throw AppError.field('VALIDATION', 'recoveryCode', WRONG_CODE, '恢复码');
}

/** The key wrapped by the codes of administrators other than the one whose code is data_key's (active accounts only). */
function administratorWraps(sqlite: Sqlite): string[] {
  return (sqlite.prepare('select key_wrap from users where key_wrap is not null and active = 1 order by created_at').pluck().all())
    .filter((w): w is string => typeof w === 'string');
}

/** Whether this code, as typed, opens the database's own wrap (data_key.recovery_wrap): then that wrap is its holder's. */
export async function opensOfficeWrap(sqlite: Sqlite, typedCode: string): Promise<boolean> {
  const row = keyRow(sqlite);
  if (!row?.recoveryWrap) return false;
  try {
    await unwrapWithCode(row.recoveryWrap, normalizeRecoveryCode(typedCode), row.keyId);
    return true;
  } catch (error) {
    if (error instanceof SealError) return false;
    throw error;
  }
}

/** The key wrapped by a recovery code as typed or issued (the same normalisation as at unlock). */
export function recoveryWrapFor(keys: DataKeys, code: string): Promise<string> {
  return keys.wrapForRecovery(normalizeRecoveryCode(code));
}

/** Keep the key's wrapping by the current recovery code (inside the write that issues the code). */
export function storeRecoveryWrap(sqlite: Sqlite, wrap: string): void {
  const changed = sqlite.prepare('update data_key set recovery_wrap = ? where id = 1').run(wrap).changes;
  if (changed !== 1) throw new AppError('INTERNAL', '数据密钥记录缺失，恢复码未能保护数据密钥');
}

export interface KeyPlace {
  dbPath: string;
  protector?: KeyProtector | undefined;
}

/** What the backup screen says about the key. */
export function keyStatus(sqlite: Sqlite, place: KeyPlace) {
  return {
    protectedByRecoveryCode: keyRow(sqlite)?.recoveryWrap != null,
    storage: place.protector ? ('system' as const) : ('file' as const),
    keyFile: keyFilePath(place.dbPath),
  };
}

/** A warning on every screen while an administrator exists whose recovery code does not yet wrap the key. */
export function keyWarnings(sqlite: Sqlite): string[] {
  const accounts = countOf(sqlite.prepare('select count(*) from users').pluck().get());
  if (accounts === 0 || keyRow(sqlite)?.recoveryWrap) return [];
  return ['身份证号和电话的数据密钥还没有用管理员恢复码保护：在另一台电脑上恢复备份时，将打不开这些信息。请到“数据备份”页输入恢复码。'];
}

/**
 * Wrap the key with the logged-in administrator's current recovery code (a database upgraded from
 * before encryption has no wrap until then). The code is checked against the account first, so
 * that a typo cannot leave a wrap nobody can open.
 */
export async function protectWithRecoveryCode(ctx: ServiceContext, actor: Actor, code: string): Promise<{ ok: true }> {
  const user = actor.userId === null ? undefined
    : ctx.db.select({ recoveryHash: users.recoveryHash }).from(users).where(eq(users.id, actor.userId)).get();
  if (!user) throw new AppError('REFUSED', '请用管理员账号登录后再输入恢复码');
  if (!(await verifySecret(normalizeRecoveryCode(code), user.recoveryHash))) {
    const message = '恢复码不对：请输入您账号当前有效的恢复码（创建账号或上次重设密码时打印的那一组）';
    throw AppError.field('VALIDATION', 'recoveryCode', message, '恢复码');
  }
  const wrap = await recoveryWrapFor(ctx.keys, code);
  write(ctx, actor, (tx) => {
    storeRecoveryWrap(ctx.sqlite, wrap);
    tx.audit({ action: 'protect-data-key', entity: 'database', entityId: null, after: { keyId: ctx.keys.keyId } });
  });
  return { ok: true };
}
