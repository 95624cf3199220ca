/**
 * Repair projects paid from the maintenance fund: scope, approval, payments
 * and the charge to the parts.
 */
import { z } from 'zod';
import { calendarDate, ruleOverride, ruleViolation } from '../meetings';
import { decimal2, id, optionalText, requiredText } from '../fields';
import { scopePart } from '../votes';
import { apportionment, yuanText } from './fund';

// ── repair projects ───────────────────────────────────────────────────
export const projectScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('community') }),
  z.object({ kind: z.literal('places'), places: z.array(scopePart).min(1, { error: '请选择楼栋或单元' }).max(100) }),
  z.object({ kind: z.literal('parts'), partIds: z.array(id).min(1, { error: '请选择房屋' }).max(5000) }),
]);

export const projectFields = z.object({
  communityId: id,
  title: requiredText('项目名称', 100),
  scope: projectScope,
  /** By area (Civil Code Art. 283), or equally per part when the management covenant so agrees. */
  basis: z.enum(['area', 'equal']).default('area'),
  estimate: yuanText('预算金额'),
  contractor: optionalText('施工单位', 100),
  approval: z.enum(['vote', 'emergency']),
  voteId: id.nullable().default(null),
  emergencyReviewDate: calendarDate('业委会审核日期').nullable().default(null),
  emergencyStreetDate: calendarDate('街道确认日期').nullable().default(null),
  emergencyNote: optionalText('应急情形说明', 500),
});

export const projectPayment = z.object({ projectId: id, date: calendarDate('付款日期'), amount: yuanText('付款金额'), memo: optionalText('摘要', 200) });
export const projectNotice = z.object({ projectId: id, date: calendarDate('公示日期') });

export const chargeInput = z.object({
  projectId: id,
  date: calendarDate('分摊记账日期'),
  finalCost: yuanText('决算金额'),
  /** The audit's opinion or report number; without it above the community's threshold, the charge needs `overrideReason`. */
  auditNote: optionalText('审计意见', 500),
  /** Required when the final cost exceeds the approved by the re-approval share. */
  overrunReason: optionalText('超支说明', 500),
  /**
   * Why the charge goes ahead although the notice before the works, the audit or the owners' decision is
   * missing (shared/domain/treasury.ts chargeWarnings): required then, kept with the charge and audited.
   */
  overrideReason: optionalText('先行分摊的理由', 500),
});
/** What the preview needs to say what is missing: the charge's date (default today) and the audit note as typed. */
export const chargePreviewInput = chargeInput.pick({ projectId: true, finalCost: true, auditNote: true })
  .extend({ date: calendarDate('分摊记账日期').optional() });
/** The shares of the final cost, and what is missing for the charge (each needs the written reason). */
export const chargePreview = apportionment.extend({ warnings: z.array(ruleViolation) });

export const projectSummary = z.object({
  id, title: z.string(), scopeLabel: z.string(), basis: z.enum(['area', 'equal']), estimate: decimal2, contractor: z.string(),
  approval: z.enum(['vote', 'emergency']), voteId: id.nullable(), voteTitle: z.string().nullable(),
  emergencyReviewDate: z.string().nullable(), emergencyStreetDate: z.string().nullable(), emergencyNote: z.string(),
  noticeDate: z.string().nullable(), finalCost: decimal2.nullable(), paid: decimal2,
  status: z.enum(['approved', 'charged']),
  auditRequired: z.boolean(), auditNote: z.string(), overrunReason: z.string(),
});
export const projectDetail = projectSummary.extend({
  communityId: id,
  parts: z.number().int(),
  payments: z.array(z.object({ entryId: id, number: z.number().int(), date: z.string(), amount: decimal2, memo: z.string(), reversed: z.boolean() })),
  /** The shares as charged (after charging), address order; what was missing then and the written reason. */
  charge: apportionment.extend({ entryId: id, date: z.string(), overrides: z.array(ruleOverride) }).nullable(),
});
