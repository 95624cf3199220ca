/**
 * Procedural rules a user may go past with a written reason (docs/domain.md
 * §4's and §6's notice periods, quorum, posting deadlines). Without a reason the save is
 * refused with every violation listed; with one, each violation is recorded
 * beside the record and in the audit log, in the same transaction.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../shared/contract/errors';
import type { RuleViolation } from '../../shared/domain/meetings';
import { nowIso } from '../db/clock';
import { newId } from '../db/ids';
import { ruleOverrides } from '../db/schema/rule-overrides';
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
  for (const v of violations) {
    ctx.db.insert(ruleOverrides).values({
      id: newId(), communityId: target.communityId, entity: target.entity, entityId: target.entityId,
      rule: v.rule, message: v.message, reason: reason.trim(), author: actor.author, at,
    }).run();
  }
  tx.audit({ action: 'override', entity: target.entity, entityId: target.entityId, after: { violations, reason: reason.trim() } });
}

export function overridesOf(ctx: ServiceContext, entity: string, entityId: string) {
  return ctx.db
    .select({ rule: ruleOverrides.rule, message: ruleOverrides.message, reason: ruleOverrides.reason, author: ruleOverrides.author, at: ruleOverrides.at })
    .from(ruleOverrides).where(and(eq(ruleOverrides.entity, entity), eq(ruleOverrides.entityId, entityId)))
    .orderBy(asc(ruleOverrides.at), sql`${ruleOverrides}.rowid`).all();
}
