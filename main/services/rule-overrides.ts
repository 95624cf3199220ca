/**
 * Procedural rules a user may go past with a written reason (docs/domain.md
 * §4's and §6's notice periods, quorum, posting deadlines). Without a reason the save is
 * refused with every violation listed; with one, each violation is recorded
 * beside the record and in the audit log, in the same transaction.
 */
import { AppError } from '../../shared/contract/errors';
import type { RuleViolation } from '../../shared/domain/meetings';
import { nowIso } from '../db/clock';
import { newId } from '../db/ids';
import type { Actor, ServiceContext, WriteScope } from './context';

/** Refuse unless there is a reason (call before writing anything). */
export function requireOverride(violations: RuleViolation[], reason: string): void {
  if (violations.length === 0 || reason.trim() !== '') return;
  throw new AppError(
    'REFUSED',
    `${violations.map((v) => v.message).join('；')}。如确需继续，请写明理由后保存。`,
    violations.map((v) => ({ kind: 'rule', rule: v.rule, message: v.message })),
  );
}

/** Record the overridden rules (inside the write). */
export function recordOverrides(
  ctx: ServiceContext, tx: WriteScope, actor: Actor,
  target: { communityId: string; entity: string; entityId: string }, violations: RuleViolation[], reason: string,
): void {
  if (violations.length === 0) return;
  const at = nowIso();
  const insert = ctx.sqlite.prepare(`insert into rule_overrides (id, community_id, entity, entity_id, rule, message, reason, author, at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const v of violations) {
    insert.run(newId(), target.communityId, target.entity, target.entityId, v.rule, v.message, reason.trim(), actor.author, at);
  }
  tx.audit({ action: 'override', entity: target.entity, entityId: target.entityId, after: { violations, reason: reason.trim() } });
}

export function overridesOf(ctx: ServiceContext, entity: string, entityId: string) {
  return ctx.sqlite.prepare('select rule, message, reason, author, at from rule_overrides where entity = ? and entity_id = ? order by at, rowid')
    .all(entity, entityId) as { rule: string; message: string; reason: string; author: string; at: string }[];
}
