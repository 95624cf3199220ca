/**
 * Faults of the storage, named for what they are: a full disk, a read-only
 * folder, a database busy with another writer, a file locked by another
 * program, a damaged file, a failing disk. Each gets its own plain Chinese
 * message saying what happened (nothing was changed) and what to do; none is
 * called damage unless it is.
 */
import { AppError } from '../../shared/contract/errors';

export type FaultKind = 'disk-full' | 'read-only' | 'busy' | 'locked' | 'damaged' | 'disk-error';

const SQLITE_KINDS: [RegExp, FaultKind][] = [
  [/^SQLITE_FULL/, 'disk-full'],
  [/^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/, 'read-only'],
  // A write that waits for another writer is retried by write() (services/context.ts) and becomes 'busy' there;
  // SQLITE_BUSY anywhere else (opening, reading) means another program holds the file exclusively.
  [/^SQLITE_(BUSY|LOCKED)/, 'locked'],
  [/^SQLITE_(CORRUPT|NOTADB)/, 'damaged'],
  [/^SQLITE_IOERR/, 'disk-error'],
];

const NODE_KINDS: Record<string, FaultKind> = {
  ENOSPC: 'disk-full', EDQUOT: 'disk-full', EROFS: 'read-only', EACCES: 'read-only', EPERM: 'read-only', EBUSY: 'locked', EIO: 'disk-error',
};

/** SQLite's "another connection holds the lock" (BUSY, BUSY_RECOVERY, BUSY_SNAPSHOT…). */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Which fault an error is, or null when it is not one of the storage's. */
export function faultKind(error: unknown): FaultKind | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  for (const [pattern, kind] of SQLITE_KINDS) if (pattern.test(code)) return kind;
  return NODE_KINDS[code] ?? null;
}

/** Where the fault happened, for the message; the busy wait that was spent. */
export interface FaultPlace {
  dataDir?: string;
  waitedMs?: number;
  /** Advice for a damaged file: the newest sound backup and the restore command (main/db/integrity.ts). */
  damageAdvice?: () => string;
}

const KEPT = '刚才的操作没有完成，数据没有改变';

export function faultMessage(kind: FaultKind, place: FaultPlace = {}): string {
  const folder = place.dataDir ? `数据文件夹 ${place.dataDir}` : '数据文件夹';
  switch (kind) {
    case 'disk-full':
      return `磁盘空间已满（${folder} 所在的磁盘），${KEPT}。请清理磁盘空间（例如删除不需要的文件，或把较早的备份移到别的磁盘）后再试，已填写的内容仍在。`;
    case 'read-only':
      return `${folder} 是只读的，或当前系统账户没有写入权限，${KEPT}。请检查它是否在只读的U盘、光盘或网络位置上，或请管理员给予这个账户读写权限，然后再试。`;
    case 'busy': {
      const waited = place.waitedMs ? `，已等待 ${Math.round(place.waitedMs / 1000)} 秒仍未轮到` : '';
      return `数据库正被另一个程序写入（另一台电脑上的三方办、命令行导入等）${waited}，${KEPT}。请稍后再试，已填写的内容仍在。`;
    }
    case 'locked':
      return `数据库文件被另一个程序锁定（可能是以独占方式打开它的程序、备份软件或杀毒软件），暂时无法读写，${KEPT}。请关闭那个程序后再试。`;
    case 'damaged':
      return place.damageAdvice?.() ?? `数据库文件已损坏，${KEPT}。请运行 npm run -s cli -- check 查看问题和可用于恢复的备份。`;
    case 'disk-error':
      return `读写${folder}时磁盘出错（磁盘可能有故障、已被拔出或网络位置断开），${KEPT}。请检查磁盘后再试；如果反复出现，请复制整个数据文件夹后联系技术人员。`;
  }
}

const CODES = {
  'disk-full': 'DISK_FULL', 'read-only': 'READ_ONLY', busy: 'BUSY', locked: 'LOCKED', damaged: 'DATABASE', 'disk-error': 'DATABASE',
} as const;

/** The error as the contract's envelope, or null when it is not a storage fault (a bug: INTERNAL). */
export function faultOf(error: unknown, place: FaultPlace = {}): AppError | null {
  const kind = faultKind(error);
  if (!kind) return null;
  return new AppError(CODES[kind], faultMessage(kind, place));
}
