/**
 * No lost updates (issue 17): several PCs work on one database, and two people may open the same record's form.
 * Each editable record counts its revisions (main/db/schema/columns.ts, counted by triggers); a save names the
 * revision its form was opened with (`expectedRevision`, shared/contract/fields.ts), and a save over a newer
 * one is refused with CONFLICT before anything is written, naming who changed it and when, so that the screen
 * can show their change beside the person's own (renderer/src/components/ConflictDialog.tsx). The check runs
 * inside the save's write transaction: it is IMMEDIATE (context.ts), so nobody can change the row between the
 * check and the write.
 */
import { and, desc, eq, notInArray } from 'drizzle-orm';
import { AppError } from '../../shared/contract/errors';
import { PERSONAL_DATA_VIEWS } from '../../shared/domain/audit-words';
import { nowInOffice } from '../db/clock';
import { auditLog } from '../db/schema/system';
import type { ServiceContext } from './context';

/** A record as read inside the save's transaction: its id (as its audit rows name it), revision and last change. */
export interface Revised {
  id: string;
  revision: number;
  updatedAt: string;
}

/**
 * Refuse the save when the form was opened on an older revision. `entity` is the record's kind as its audit rows
 * name it ('issue', 'service_contract'…); `expected` absent (the CLI, older callers) saves as before.
 */
export function refuseStale(ctx: ServiceContext, entity: string, row: Revised, expected: number | undefined): void {
  if (expected === undefined || expected === row.revision) return;
  const message = `此记录已被${changedBy(ctx, entity, row)}修改，请对照后再保存`;
  throw new AppError('CONFLICT', message, [{ kind: 'conflict', entity, id: row.id, message }]);
}

/**
 * Who changed the record last and when, in the message's words: the newest audit row of the record (a view of
 * personal data changes nothing and is passed over); without one — a row changed by a path that left none —
 * 他人 at the row's last change.
 */
function changedBy(ctx: ServiceContext, entity: string, row: Revised): string {
  const last = ctx.db.select({ author: auditLog.author, at: auditLog.at }).from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, row.id), notInArray(auditLog.action, [...PERSONAL_DATA_VIEWS])))
    .orderBy(desc(auditLog.at)).limit(1).get();
  return `${last?.author ?? '他人'}于 ${officeMinute(last?.at ?? row.updatedAt)} `;
}

/** 2026-12-05 10:31 on the office's clock. */
function officeMinute(iso: string): string {
  return nowInOffice('Asia/Shanghai', new Date(iso)).replace('T', ' ');
}
