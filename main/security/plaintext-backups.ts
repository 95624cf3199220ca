/**
 * Backups made before personal data was encrypted still hold full ID numbers and phones: the
 * backup screen lists them as such and offers to delete them. Only files in the backup folder
 * that are listed as backups and found to be plaintext are ever deleted here.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/contract/errors';
import { listBackups } from '../db/backups';
import { countOf } from '../db/rows';
import { keyRow } from './data-key';
import { write, type Actor, type ServiceContext } from '../services/context';

/** The schema version from which sealing exists: user_version counts migrations, and 0000…0007 are eight. */
const SEALED_SCHEMA = 8;

/**
 * Whether a backup holds plaintext personal data: decided by its schema and its data_key row when
 * they say it was sealed and vacuumed, else by looking at its rows. A file that cannot be read
 * is not called plaintext (the list cannot tell).
 */
export function isPlaintextBackup(file: string): boolean {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    if ((db.pragma('user_version', { simple: true }) as number) >= SEALED_SCHEMA) {
      const row = keyRow(db);
      // Sealed but not yet vacuumed: old values may still sit in free pages, which a backup copies.
      if (row?.sealedAt && row.vacuumedAt) return false;
    }
    return holdsPlaintext(db);
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

const SEALED = "'aes256gcm.v1.%'";

function holdsPlaintext(db: Database.Database): boolean {
  const persons = countOf(db.prepare(`select exists (select 1 from persons where (document is not null and document not like ${SEALED})
    or (phone is not null and phone not like ${SEALED}))`).pluck().get());
  if (persons) return true;
  return countOf(db.prepare(`select exists (select 1 from ballots where proxy_document != '' and proxy_document not like ${SEALED})`).pluck().get()) === 1;
}

/** The backup folder's backups, each marked whether it still holds plaintext personal data. */
export function listBackupsMarked(backupDir: string) {
  return listBackups(backupDir).map((b) => ({ ...b, plaintext: isPlaintextBackup(b.file) }));
}

export function deletePlaintextBackups(ctx: ServiceContext, actor: Actor, files: readonly string[]): { deleted: string[] } {
  const listed = new Set(listBackups(ctx.backupDir).map((b) => path.resolve(b.file)));
  const targets = [...new Set(files.map((f) => path.resolve(f)))];
  for (const file of targets) {
    if (path.dirname(file) !== path.resolve(ctx.backupDir) || !listed.has(file)) {
      throw new AppError('REFUSED', `“${file}”不是备份文件夹中的备份，没有删除任何文件`);
    }
    if (!isPlaintextBackup(file)) {
      throw new AppError('REFUSED', `备份“${path.basename(file)}”中的身份证号和电话已加密，不是明文备份，没有删除任何文件`);
    }
  }
  // The audit row commits only when every file is gone.
  write(ctx, actor, (tx) => {
    for (const file of targets) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    tx.audit({ action: 'delete-plaintext-backups', entity: 'backup', entityId: null, after: { files: targets.map((f) => path.basename(f)) } });
  });
  return { deleted: targets };
}
