/**
 * Repair projects paid from the fund (docs/domain.md §5): approved by an owners'
 * vote whose Art. 278 item 5 passed, or by the emergency path (committee
 * review and street confirmation); paid to the contractor; the final cost
 * charged to the parts in scope by area (or equally, where the covenant says
 * so), shares adding up to the fen. The community's rule may ask for an
 * audit above a cost and a written reason when the final cost overruns.
 */
import type { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import type { chargeInput, chargePreviewInput, projectFields, projectNotice, projectPayment, projectScope } from '../../../shared/contract/treasury/repairs';
import { fenToYuan } from '../../../shared/domain/money';
import { chargeWarnings, needsAudit, needsReapproval, type ChargeFacts, type RepairRule } from '../../../shared/domain/treasury';
import { nowIso, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext } from '../context';
import { shareOut, type Weighted } from './fund';
import { accountByRole, postEntry } from './ledger';
import { overridesOf, recordOverrides, requireOverride } from '../rule-overrides';

type ProjectScope = z.output<typeof projectScope>;

interface ProjectRow {
  id: string; communityId: string; title: string; scope: string; scopeLabel: string; basis: 'area' | 'equal'; estimate: number;
  contractor: string; approval: 'vote' | 'emergency'; voteId: string | null; emergencyReviewDate: string | null;
  emergencyStreetDate: string | null; emergencyNote: string; noticeDate: string | null; finalCost: number | null;
  overrunReason: string; auditNote: string; chargeEntryId: string | null;
}

function projectRow(ctx: ServiceContext, id: string): ProjectRow {
  const row = ctx.sqlite.prepare(`select id, community_id as communityId, title, scope, scope_label as scopeLabel, basis, estimate, contractor, approval,
      vote_id as voteId, emergency_review_date as emergencyReviewDate, emergency_street_date as emergencyStreetDate, emergency_note as emergencyNote,
      notice_date as noticeDate, final_cost as finalCost, overrun_reason as overrunReason, audit_note as auditNote, charge_entry_id as chargeEntryId
    from repair_projects where id = ?`).get(id) as ProjectRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这个维修项目');
  return row;
}

/** The charge entry, unless it has been reversed (then the project may be charged again). */
function activeCharge(ctx: ServiceContext, p: ProjectRow): string | null {
  if (!p.chargeEntryId) return null;
  const reversed = ctx.sqlite.prepare('select 1 from journal_entries where reverses_id = ?').pluck().get(p.chargeEntryId);
  return reversed ? null : p.chargeEntryId;
}

function ruleOf(ctx: ServiceContext, communityId: string): RepairRule {
  const r = getCommunity(ctx, communityId).settings.fundRules;
  return { auditAbove: r.repairAuditAbove, reapprovalPercent: r.repairReapprovalPercent };
}

/** The parts of a project's scope in address order, weighted by its basis. */
function partsOf(ctx: ServiceContext, communityId: string, scope: ProjectScope, basis: 'area' | 'equal'): Weighted[] {
  const all = ctx.sqlite.prepare(`select id as partId, address, area, building_id as buildingId, entrance_id as entranceId
    from parts where community_id = ? order by sort_key`).all(communityId) as (Weighted & { buildingId: string; entranceId: string | null })[];
  const chosen = scope.kind === 'community' ? all
    : scope.kind === 'places' ? all.filter((p) => scope.places.some((pl) => pl.buildingId === p.buildingId && (!pl.entranceId || pl.entranceId === p.entranceId)))
      : all.filter((p) => scope.partIds.includes(p.partId));
  return chosen.map((p) => ({ partId: p.partId, address: p.address, area: p.area, weight: basis === 'area' ? p.area : 1 }));
}

function scopeLabel(ctx: ServiceContext, communityId: string, scope: ProjectScope, parts: readonly Weighted[]): string {
  if (scope.kind === 'community') return '全体业主';
  if (scope.kind === 'parts') return parts.length <= 3 ? parts.map((p) => p.address).join('、') : `${parts[0]!.address} 等 ${parts.length} 户`;
  const building = ctx.sqlite.prepare('select name from buildings where id = ? and community_id = ?').pluck();
  const entrance = ctx.sqlite.prepare('select name from entrances where id = ?').pluck();
  return scope.places.map((pl) => {
    const b = building.get(pl.buildingId, communityId) as string | undefined;
    if (!b) throw new AppError('REFUSED', '范围中的楼栋不属于本小区');
    return pl.entranceId ? `${b}${entrance.get(pl.entranceId) as string}` : b;
  }).join('、');
}

/** A vote approves a repair when it is closed and one of its Art. 278 item-5 items (use of the fund) passed. */
function refuseUnapprovingVote(ctx: ServiceContext, communityId: string, voteId: string | null): void {
  if (!voteId) throw new AppError('VALIDATION', '经业主表决的项目须选择表决', [fieldProblem('voteId', '请选择批准该项目的表决', '表决')]);
  const vote = ctx.sqlite.prepare('select community_id as communityId, status, title from votes where id = ?').get(voteId) as { communityId: string; status: string; title: string } | undefined;
  if (!vote || vote.communityId !== communityId) throw AppError.field('REFUSED', 'voteId', '找不到本小区的这次表决');
  if (vote.status !== 'closed') throw AppError.field('REFUSED', 'voteId', `表决“${vote.title}”尚未结束，结束并通过后才能立项`);
  const passed = ctx.sqlite.prepare('select count(*) from vote_items where vote_id = ? and category = 5 and passed = 1').pluck().get(voteId) as number;
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
    ctx.sqlite.prepare(`insert into repair_projects (id, community_id, title, scope, scope_label, basis, estimate, contractor, approval, vote_id,
        emergency_review_date, emergency_street_date, emergency_note, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, input.communityId, input.title, JSON.stringify(input.scope), label, input.basis, input.estimate, input.contractor, input.approval,
        input.approval === 'vote' ? input.voteId : null, input.approval === 'emergency' ? input.emergencyReviewDate : null,
        input.approval === 'emergency' ? input.emergencyStreetDate : null, input.approval === 'emergency' ? input.emergencyNote : '', now, now);
    scope.audit({ action: 'create', entity: 'repair_project', entityId: id, after: { ...input, scopeLabel: label } });
  });
  return getProject(ctx, id);
}

export function listProjects(ctx: ServiceContext, communityId: string) {
  const ids = ctx.sqlite.prepare('select id from repair_projects where community_id = ? order by created_at desc').pluck().all(communityId) as string[];
  return ids.map((id) => summaryOf(ctx, projectRow(ctx, id)));
}

function summaryOf(ctx: ServiceContext, p: ProjectRow) {
  // Payments and their reversals; the charge entries move 应付 the other way and are not payments.
  const paid = ctx.sqlite.prepare(`select coalesce(sum(l.amount), 0) from journal_lines l join journal_entries e on e.id = l.entry_id
    join ledger_accounts a on a.id = l.account_id where e.project_id = ? and a.role = 'payable'
      and (e.kind = 'expense' or (e.kind = 'reversal' and (select o.kind from journal_entries o where o.id = e.reverses_id) = 'expense'))`).pluck().get(p.id) as number;
  const voteTitle = p.voteId ? ctx.sqlite.prepare('select title from votes where id = ?').pluck().get(p.voteId) as string : null;
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
  const payments = (ctx.sqlite.prepare(`select e.id as entryId, e.number, e.date, e.memo,
      (select sum(l.amount) from journal_lines l join ledger_accounts a on a.id = l.account_id where l.entry_id = e.id and a.role = 'payable') as amount,
      exists (select 1 from journal_entries r where r.reverses_id = e.id) as reversed
    from journal_entries e where e.project_id = ? and e.kind = 'expense' order by e.date, e.number`)
    .all(id) as { entryId: string; number: number; date: string; memo: string; amount: number; reversed: number }[])
    .map((r) => ({ ...r, amount: fenToYuan(r.amount), reversed: r.reversed === 1 }));
  const charged = activeCharge(ctx, p);
  let charge = null;
  if (charged && p.finalCost !== null) {
    const date = ctx.sqlite.prepare('select date from journal_entries where id = ?').pluck().get(charged) as string;
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
  const lines = ctx.sqlite.prepare(`select l.part_id as partId, p.address, p.area, l.amount from journal_lines l
      join ledger_accounts a on a.id = l.account_id join parts p on p.id = l.part_id
    where l.entry_id = ? and a.role = 'fund' order by p.sort_key`).all(entryId) as { partId: string; address: string; area: number; amount: number }[];
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
    ? ctx.sqlite.prepare(`select v.title, v.status = 'closed' and exists (select 1 from vote_items i where i.vote_id = v.id and i.category = 5 and i.passed = 1) as passed
        from votes v where v.id = ?`).get(p.voteId) as { title: string; passed: number } | undefined
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
    ctx.sqlite.prepare('update repair_projects set notice_date = ?, updated_at = ? where id = ?').run(input.date, nowIso(), p.id);
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
    ctx.sqlite.prepare('update repair_projects set final_cost = ?, audit_note = ?, overrun_reason = ?, charge_entry_id = ?, updated_at = ? where id = ?')
      .run(input.finalCost, input.auditNote, input.overrunReason, entryId, nowIso(), p.id);
    scope.audit({ action: 'charge', entity: 'repair_project', entityId: p.id, after: { finalCost: fenToYuan(input.finalCost), entryId, parts: parts.length } });
    // Kept with the charge entry: what was missing and why it went ahead (its own audit row).
    recordOverrides(ctx, scope, actor, { communityId: p.communityId, entity: 'journal_entry', entityId: entryId }, warnings, input.overrideReason);
  });
  return getProject(ctx, p.id);
}
