/**
 * Repair projects paid from the fund (docs/domain.md §5): approved by an owners'
 * vote whose Art. 278 item 5 passed, or by the emergency path (committee
 * review and street confirmation); paid to the contractor; the final cost
 * charged to the parts in scope by area (or equally, where the covenant says
 * so), shares adding up to the fen. The community's rule may ask for an
 * audit above a cost and a written reason when the final cost overruns.
 */
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import type { chargeInput, chargePreviewInput, projectFields, projectNotice, projectPayment, projectScope } from '../../../shared/contract/treasury/repairs';
import { fenToYuan } from '../../../shared/domain/money';
import { chargeWarnings, needsAudit, needsReapproval, type ChargeFacts, type RepairRule } from '../../../shared/domain/treasury';
import { nowIso, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { oneOf } from '../../db/rows';
import { buildings, entrances, parts as partsTable } from '../../db/schema/register';
import { journalEntries, journalLines, ledgerAccounts, repairProjects } from '../../db/schema/treasury';
import { voteItems, votes } from '../../db/schema/votes';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext } from '../context';
import { shareOut, type Weighted } from './fund';
import { accountByRole, postEntry } from './ledger';
import { overridesOf, recordOverrides, requireOverride } from '../rule-overrides';

type ProjectScope = z.output<typeof projectScope>;

const BASES = ['area', 'equal'] as const;
const APPROVALS = ['vote', 'emergency'] as const;

/** A project as stored, its basis and approval as their lists. */
type ProjectRow = Omit<typeof repairProjects.$inferSelect, 'basis' | 'approval'> & { basis: (typeof BASES)[number]; approval: (typeof APPROVALS)[number] };

function projectRow(ctx: ServiceContext, id: string): ProjectRow {
  const row = ctx.db.select().from(repairProjects).where(eq(repairProjects.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到这个维修项目');
  return { ...row, basis: oneOf(BASES, row.basis, 'repair_projects.basis'), approval: oneOf(APPROVALS, row.approval, 'repair_projects.approval') };
}

/** The charge entry, unless it has been reversed (then the project may be charged again). */
function activeCharge(ctx: ServiceContext, p: ProjectRow): string | null {
  if (!p.chargeEntryId) return null;
  const reversed = ctx.db.select({ id: journalEntries.id }).from(journalEntries).where(eq(journalEntries.reversesId, p.chargeEntryId)).get();
  return reversed ? null : p.chargeEntryId;
}

function ruleOf(ctx: ServiceContext, communityId: string): RepairRule {
  const r = getCommunity(ctx, communityId).settings.fundRules;
  return { auditAbove: r.repairAuditAbove, reapprovalPercent: r.repairReapprovalPercent };
}

/** The parts of a project's scope in address order, weighted by its basis. */
function partsOf(ctx: ServiceContext, communityId: string, scope: ProjectScope, basis: 'area' | 'equal'): Weighted[] {
  const all = ctx.db.select({ partId: partsTable.id, address: partsTable.address, area: partsTable.area, buildingId: partsTable.buildingId, entranceId: partsTable.entranceId })
    .from(partsTable).where(eq(partsTable.communityId, communityId)).orderBy(asc(partsTable.sortKey)).all();
  const chosen = scope.kind === 'community' ? all
    : scope.kind === 'places' ? all.filter((p) => scope.places.some((pl) => pl.buildingId === p.buildingId && (!pl.entranceId || pl.entranceId === p.entranceId)))
      : all.filter((p) => scope.partIds.includes(p.partId));
  return chosen.map((p) => ({ partId: p.partId, address: p.address, area: p.area, weight: basis === 'area' ? p.area : 1 }));
}

function scopeLabel(ctx: ServiceContext, communityId: string, scope: ProjectScope, parts: readonly Weighted[]): string {
  if (scope.kind === 'community') return '全体业主';
  if (scope.kind === 'parts') return parts.length <= 3 ? parts.map((p) => p.address).join('、') : `${parts[0]!.address} 等 ${parts.length} 户`;
  const building = (id: string) => ctx.db.select({ name: buildings.name }).from(buildings)
    .where(and(eq(buildings.id, id), eq(buildings.communityId, communityId))).get()?.name;
  // An entrance the register does not know reads “undefined”, as it always has (the scope's own check is partsOf's).
  const entrance = (id: string) => String(ctx.db.select({ name: entrances.name }).from(entrances).where(eq(entrances.id, id)).get()?.name);
  return scope.places.map((pl) => {
    const b = building(pl.buildingId);
    if (!b) throw new AppError('REFUSED', '范围中的楼栋不属于本小区');
    return pl.entranceId ? `${b}${entrance(pl.entranceId)}` : b;
  }).join('、');
}

/** A vote approves a repair when it is closed and one of its Art. 278 item-5 items (use of the fund) passed. */
function refuseUnapprovingVote(ctx: ServiceContext, communityId: string, voteId: string | null): void {
  if (!voteId) throw new AppError('VALIDATION', '经业主表决的项目须选择表决', [fieldProblem('voteId', '请选择批准该项目的表决', '表决')]);
  const vote = ctx.db.select({ communityId: votes.communityId, status: votes.status, title: votes.title }).from(votes).where(eq(votes.id, voteId)).get();
  if (!vote || vote.communityId !== communityId) throw AppError.field('REFUSED', 'voteId', '找不到本小区的这次表决');
  if (vote.status !== 'closed') throw AppError.field('REFUSED', 'voteId', `表决“${vote.title}”尚未结束，结束并通过后才能立项`);
  const passed = ctx.db.select({ n: count() }).from(voteItems)
    .where(and(eq(voteItems.voteId, voteId), eq(voteItems.category, 5), eq(voteItems.passed, true))).get()?.n ?? 0;
  if (passed === 0) throw AppError.field('REFUSED', 'voteId', `表决“${vote.title}”没有通过的“使用维修资金”议题（民法典第278条第1款第5项），不能据此使用维修资金`);
}

export function createProject(ctx: ServiceContext, actor: Actor, input: z.output<typeof projectFields>) {
  if (input.approval === 'vote') refuseUnapprovingVote(ctx, input.communityId, input.voteId);
  else if (!input.emergencyReviewDate || !input.emergencyStreetDate || !input.emergencyNote) {
    throw new AppError('VALIDATION', '应急维修须填写应急情形、业委会审核日期和街道确认日期', [
      ...(!input.emergencyNote ? [fieldProblem('emergencyNote', '请说明应急情形（如电梯故障、屋面渗漏）', '应急情形说明')] : []),
      ...(!input.emergencyReviewDate ? [fieldProblem('emergencyReviewDate', '请填写业委会审核日期', '业委会审核日期')] : []),
      ...(!input.emergencyStreetDate ? [fieldProblem('emergencyStreetDate', '请填写街道（乡镇）确认日期', '街道确认日期')] : []),
    ]);
  }
  const parts = partsOf(ctx, input.communityId, input.scope, input.basis);
  if (parts.length === 0) throw new AppError('REFUSED', '范围内没有登记的房屋');
  const label = scopeLabel(ctx, input.communityId, input.scope, parts);
  const id = newId();
  write(ctx, actor, (scope) => {
    const now = nowIso();
    ctx.db.insert(repairProjects).values({
      id, communityId: input.communityId, title: input.title, scope: JSON.stringify(input.scope), scopeLabel: label, basis: input.basis,
      estimate: input.estimate, contractor: input.contractor, approval: input.approval, voteId: input.approval === 'vote' ? input.voteId : null,
      emergencyReviewDate: input.approval === 'emergency' ? input.emergencyReviewDate : null,
      emergencyStreetDate: input.approval === 'emergency' ? input.emergencyStreetDate : null,
      emergencyNote: input.approval === 'emergency' ? input.emergencyNote : '', createdAt: now, updatedAt: now,
    }).run();
    scope.audit({ action: 'create', entity: 'repair_project', entityId: id, after: { ...input, scopeLabel: label } });
  });
  return getProject(ctx, id);
}

export function listProjects(ctx: ServiceContext, communityId: string) {
  const ids = ctx.db.select({ id: repairProjects.id }).from(repairProjects).where(eq(repairProjects.communityId, communityId))
    .orderBy(desc(repairProjects.createdAt)).all();
  return ids.map(({ id }) => summaryOf(ctx, projectRow(ctx, id)));
}

function summaryOf(ctx: ServiceContext, p: ProjectRow) {
  // Payments and their reversals; the charge entries move 应付 the other way and are not payments.
  const paid = ctx.db.select({ sum: sql<number>`coalesce(sum(${journalLines.amount}), 0)` }).from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId)).innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId))
    .where(and(eq(journalEntries.projectId, p.id), eq(ledgerAccounts.role, 'payable'), sql`(${journalEntries.kind} = 'expense' or (${journalEntries.kind} = 'reversal'
      and (select o.kind from journal_entries o where o.id = ${journalEntries.reversesId}) = 'expense'))`)).get()!.sum;
  const voteTitle = p.voteId ? ctx.db.select({ title: votes.title }).from(votes).where(eq(votes.id, p.voteId)).get()!.title : null;
  return {
    id: p.id, title: p.title, scopeLabel: p.scopeLabel, basis: p.basis, estimate: fenToYuan(p.estimate), contractor: p.contractor,
    approval: p.approval, voteId: p.voteId, voteTitle, emergencyReviewDate: p.emergencyReviewDate, emergencyStreetDate: p.emergencyStreetDate,
    emergencyNote: p.emergencyNote, noticeDate: p.noticeDate, finalCost: p.finalCost === null ? null : fenToYuan(p.finalCost), paid: fenToYuan(paid),
    status: activeCharge(ctx, p) ? 'charged' as const : 'approved' as const,
    auditRequired: needsAudit(p.finalCost ?? p.estimate, ruleOf(ctx, p.communityId)), auditNote: p.auditNote, overrunReason: p.overrunReason,
  };
}

export function getProject(ctx: ServiceContext, id: string) {
  const p = projectRow(ctx, id);
  const parts = partsOf(ctx, p.communityId, JSON.parse(p.scope) as ProjectScope, p.basis);
  // Correlated to the payment (e) by builders of their own: a select list of one table names its columns bare.
  const paidBy = ctx.db.select({ sum: sql`sum(${journalLines.amount})` }).from(journalLines).innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId))
    .where(and(eq(journalLines.entryId, journalEntries.id), eq(ledgerAccounts.role, 'payable')));
  const reversal = alias(journalEntries, 'r');
  const reversedBy = ctx.db.select({ one: sql`1` }).from(reversal).where(eq(reversal.reversesId, journalEntries.id));
  const payments = ctx.db.select({
    entryId: journalEntries.id, number: journalEntries.number, date: journalEntries.date, memo: journalEntries.memo,
    amount: sql<number>`${paidBy}`, reversed: sql<number>`exists ${reversedBy}`,
  }).from(journalEntries).where(and(eq(journalEntries.projectId, id), eq(journalEntries.kind, 'expense')))
    .orderBy(asc(journalEntries.date), asc(journalEntries.number)).all()
    .map((r) => ({ ...r, amount: fenToYuan(r.amount), reversed: r.reversed === 1 }));
  const charged = activeCharge(ctx, p);
  let charge = null;
  if (charged && p.finalCost !== null) {
    const date = ctx.db.select({ date: journalEntries.date }).from(journalEntries).where(eq(journalEntries.id, charged)).get()!.date;
    charge = { ...chargedShares(ctx, charged, parts, p.finalCost, p.basis), entryId: charged, date, overrides: overridesOf(ctx, 'journal_entry', charged) };
  }
  return { ...summaryOf(ctx, p), communityId: p.communityId, parts: parts.length, payments, charge };
}

function previewShares(parts: readonly Weighted[], cost: number, basis: 'area' | 'equal') {
  return basis === 'area'
    ? shareOut(cost, parts, '专有部分面积', (w) => `${(Number(w) / 100).toFixed(2)} 平方米`).printed
    : shareOut(cost, parts, '户数（管理规约约定按户均摊）', (w) => `${w} 户`).printed;
}

/**
 * The shares as charged: the charge entry's sub-ledger lines are what was
 * posted. Shared anew over today's scope they are the same unless the register
 * changed since (a part added to the building, an area corrected); then the
 * posted amounts are shown, over the parts they were posted to.
 */
function chargedShares(ctx: ServiceContext, entryId: string, parts: readonly Weighted[], cost: number, basis: 'area' | 'equal') {
  const lines = ctx.db.select({ partId: partsTable.id, address: partsTable.address, area: partsTable.area, amount: journalLines.amount }).from(journalLines)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId)).innerJoin(partsTable, eq(partsTable.id, journalLines.partId))
    .where(and(eq(journalLines.entryId, entryId), eq(ledgerAccounts.role, 'fund'))).orderBy(asc(partsTable.sortKey)).all();
  const posted = new Map(lines.map((l) => [l.partId, l.amount]));
  const anew = previewShares(parts, cost, basis);
  const same = anew.shares.every((x) => fenToYuan(posted.get(x.partId) ?? 0) === x.amount)
    && lines.every((l) => parts.some((x) => x.partId === l.partId));
  if (same) return anew;
  const weighted = lines.map((l) => ({ partId: l.partId, address: l.address, area: l.area, weight: basis === 'area' ? l.area : 1 }));
  const printed = previewShares(weighted, cost, basis);
  return { ...printed, shares: printed.shares.map((x) => ({ ...x, amount: fenToYuan(posted.get(x.partId)!) })) };
}

/** The shares the final cost would make, and what is missing for the charge (each needs the written reason), without writing. */
export function previewCharge(ctx: ServiceContext, input: z.output<typeof chargePreviewInput>) {
  const p = projectRow(ctx, input.projectId);
  const warnings = chargeWarnings(chargeFacts(ctx, p, { date: input.date ?? todayInOffice(), finalCost: input.finalCost, auditNote: input.auditNote }), ruleOf(ctx, p.communityId));
  return { ...previewShares(chargeableParts(ctx, p), input.finalCost, p.basis), warnings };
}

/** The project's facts a charge is checked against, as they stand today. */
function chargeFacts(ctx: ServiceContext, p: ProjectRow, c: { date: string; finalCost: number; auditNote: string }): ChargeFacts {
  const vote = p.voteId
    ? ctx.db.select({
      title: votes.title,
      passed: sql<number>`${votes.status} = 'closed' and exists ${ctx.db.select({ one: sql`1` }).from(voteItems)
        .where(and(eq(voteItems.voteId, votes.id), eq(voteItems.category, 5), eq(voteItems.passed, true)))}`,
    }).from(votes).where(eq(votes.id, p.voteId)).get()
    : undefined;
  return {
    date: c.date, noticeDate: p.noticeDate, finalCost: c.finalCost, auditNote: c.auditNote,
    decision: p.approval === 'vote'
      ? { approval: 'vote', voteTitle: vote?.title ?? null, passed: vote?.passed === 1 }
      : { approval: 'emergency', reviewDate: p.emergencyReviewDate, streetDate: p.emergencyStreetDate },
  };
}

/** The parts a final cost is shared over; none left in the scope (the register changed) is a refusal, not a division by zero. */
function chargeableParts(ctx: ServiceContext, p: ProjectRow): Weighted[] {
  const parts = partsOf(ctx, p.communityId, JSON.parse(p.scope) as ProjectScope, p.basis);
  if (parts.length === 0) throw new AppError('REFUSED', `“${p.title}”的范围（${p.scopeLabel}）内现在没有登记的房屋，无法分摊`);
  return parts;
}

/** The notice before the work (使用维修资金公示): its date is kept on the project. */
export function recordProjectNotice(ctx: ServiceContext, actor: Actor, input: z.output<typeof projectNotice>) {
  const p = projectRow(ctx, input.projectId);
  write(ctx, actor, (scope) => {
    ctx.db.update(repairProjects).set({ noticeDate: input.date, updatedAt: nowIso() }).where(eq(repairProjects.id, p.id)).run();
    scope.audit({ action: 'notice', entity: 'repair_project', entityId: p.id, before: { noticeDate: p.noticeDate }, after: { noticeDate: input.date } });
  });
  return getProject(ctx, p.id);
}

/** A payment to the contractor out of the fund's bank account (应付维修款 → 专户). */
export function payProject(ctx: ServiceContext, actor: Actor, input: z.output<typeof projectPayment>) {
  const p = projectRow(ctx, input.projectId);
  const payable = accountByRole(ctx, p.communityId, 'payable');
  const bank = accountByRole(ctx, p.communityId, 'fund-bank');
  write(ctx, actor, (scope) => postEntry(ctx, scope, actor, {
    communityId: p.communityId, date: input.date, kind: 'expense', memo: input.memo || `支付${p.title}工程款`, counterparty: p.contractor,
    projectId: p.id, lines: [{ accountId: payable.id, amount: input.amount }, { accountId: bank.id, amount: -input.amount }],
  }));
  return getProject(ctx, p.id);
}

/** Charge the final cost to the parts in scope: one entry, a line per part, shares adding up to the fen. */
export function chargeProject(ctx: ServiceContext, actor: Actor, input: z.output<typeof chargeInput>) {
  const p = projectRow(ctx, input.projectId);
  if (activeCharge(ctx, p)) throw new AppError('REFUSED', `“${p.title}”已分摊；更正请冲销分摊凭证后重新分摊`);
  const rule = ruleOf(ctx, p.communityId);
  // The notice, the audit, the owners' decision: each missing one is refused unless a written reason goes with the charge.
  const warnings = chargeWarnings(chargeFacts(ctx, p, input), rule);
  requireOverride(warnings, input.overrideReason);
  if (needsReapproval(input.finalCost, p.estimate, rule) && !input.overrunReason) {
    throw new AppError('REFUSED', `决算 ${fenToYuan(input.finalCost)} 元超出批准金额 ${fenToYuan(p.estimate)} 元达 ${rule.reapprovalPercent}% 以上，须重新表决：请写明重新表决的情况`);
  }
  const parts = chargeableParts(ctx, p);
  const { shares } = shareOut(input.finalCost, parts, '', () => '');
  const fund = accountByRole(ctx, p.communityId, 'fund');
  const payable = accountByRole(ctx, p.communityId, 'payable');
  write(ctx, actor, (scope) => {
    const entryId = postEntry(ctx, scope, actor, {
      communityId: p.communityId, date: input.date, kind: 'charge', memo: `${p.title}费用按${p.basis === 'area' ? '面积' : '户'}分摊（${p.scopeLabel}）`,
      counterparty: p.contractor, projectId: p.id, reason: warnings.length > 0 ? input.overrideReason.trim() : '',
      lines: [
        ...parts.filter((x) => shares.get(x.partId)! > 0).map((x) => ({ accountId: fund.id, amount: shares.get(x.partId)!, partId: x.partId, category: 'charge' as const })),
        { accountId: payable.id, amount: -input.finalCost },
      ],
    });
    ctx.db.update(repairProjects).set({
      finalCost: input.finalCost, auditNote: input.auditNote, overrunReason: input.overrunReason, chargeEntryId: entryId, updatedAt: nowIso(),
    }).where(eq(repairProjects.id, p.id)).run();
    scope.audit({ action: 'charge', entity: 'repair_project', entityId: p.id, after: { finalCost: fenToYuan(input.finalCost), entryId, parts: parts.length } });
    // Kept with the charge entry: what was missing and why it went ahead (its own audit row).
    recordOverrides(ctx, scope, actor, { communityId: p.communityId, entity: 'journal_entry', entityId: entryId }, warnings, input.overrideReason);
  });
  return getProject(ctx, p.id);
}
