/**
 * Property-service companies and contracts (issue 6, docs/domain.md §6). The
 * statutory dates and "which rule applies today" are shared/domain/
 * service-contracts.ts; this module stores the terms and the dated events that
 * end a contract, and answers with the rules applied to them.
 */
import type { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import type {
  company, companyFields, contractDetail, contractEventInput, contractFields, contractSummary, contractUpdate, dismissalResult,
} from '../../../shared/contract/office';
import { fenToYuan } from '../../../shared/domain/money';
import {
  checkContractFacts, contractStateOn, earliestEndAfter, nonRenewalNoticeBy, renewalPreparationFrom,
  type ContractFacts, type ContractPeriods,
} from '../../../shared/domain/service-contracts';
import { nowIso, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext, type WriteScope } from '../context';
import { officeCalendar } from '../system/holidays';

type Company = z.output<typeof company>;
type ContractDetail = z.output<typeof contractDetail>;
type ContractSummary = z.output<typeof contractSummary>;

interface CompanyRow { id: string; name: string; credit_code: string; contact: string; phone: string; contracts: number }

interface ContractRow {
  id: string; community_id: string; company_id: string; kind: ContractDetail['kind']; vote_id: string | null;
  start_date: string; end_date: string; non_renewal_notice_days: number; dismissal_notice_days: number; indefinite_notice_days: number;
  fees: string; service_level: string; deposit: number; signatories: string; note: string;
  non_renewal_notice_on: string | null; owners_decision: 'renew' | 'replace' | null; owners_decision_on: string | null;
  termination_notice_on: string | null; ended_on: string | null; end_reason: string; handed_over_on: string | null;
  company_name: string; credit_code: string; community_name: string; vote_title: string | null;
}

// ── companies ───────────────────────────────────────────────────────

const COMPANY_SELECT = `select c.id, c.name, c.credit_code, c.contact, c.phone,
  (select count(*) from service_contracts s where s.company_id = c.id) as contracts from companies c`;

const toCompany = (r: CompanyRow): Company => ({ id: r.id, name: r.name, creditCode: r.credit_code, contact: r.contact, phone: r.phone, contracts: r.contracts });

export function listCompanies(ctx: ServiceContext, text: string): Company[] {
  const like = `%${text}%`;
  return (ctx.sqlite.prepare(`${COMPANY_SELECT} where c.name like ? or c.credit_code like ? order by c.name`).all(like, like) as CompanyRow[]).map(toCompany);
}

function companyById(ctx: ServiceContext, id: string): Company {
  const row = ctx.sqlite.prepare(`${COMPANY_SELECT} where c.id = ?`).get(id) as CompanyRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这家物业服务企业');
  return toCompany(row);
}

/**
 * Find the company by its credit code, or register it. A code already known
 * under another name is refused: the code identifies the company, and a
 * silently different name would split its history.
 */
function ensureCompany(ctx: ServiceContext, scope: WriteScope, fields: z.output<typeof companyFields>): string {
  const known = ctx.sqlite.prepare('select id, name from companies where credit_code = ?').get(fields.creditCode) as { id: string; name: string } | undefined;
  if (known) {
    if (known.name !== fields.name) {
      throw new AppError('REFUSED', `统一社会信用代码 ${fields.creditCode} 已登记为“${known.name}”，与“${fields.name}”不符，请核对企业名称`);
    }
    return known.id;
  }
  return insertCompany(ctx, scope, fields);
}

function insertCompany(ctx: ServiceContext, scope: WriteScope, fields: z.output<typeof companyFields>): string {
  const clash = ctx.sqlite.prepare('select name, credit_code from companies where name = ? or credit_code = ?').get(fields.name, fields.creditCode) as { name: string; credit_code: string } | undefined;
  if (clash) throw new AppError('REFUSED', clash.name === fields.name ? `企业“${fields.name}”已登记` : `统一社会信用代码 ${fields.creditCode} 已登记为“${clash.name}”`);
  const id = newId();
  const now = nowIso();
  ctx.sqlite.prepare('insert into companies (id, name, credit_code, contact, phone, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)')
    .run(id, fields.name, fields.creditCode, fields.contact, fields.phone, now, now);
  scope.audit({ action: 'create', entity: 'company', entityId: id, after: fields });
  return id;
}

export function saveCompany(ctx: ServiceContext, actor: Actor, input: z.output<typeof companyFields> & { id?: string | undefined }): Company {
  const id = write(ctx, actor, (scope) => {
    if (input.id === undefined) return insertCompany(ctx, scope, input);
    const before = companyById(ctx, input.id);
    const clash = ctx.sqlite.prepare('select name from companies where (name = ? or credit_code = ?) and id <> ?').get(input.name, input.creditCode, input.id) as { name: string } | undefined;
    if (clash) throw new AppError('REFUSED', `企业名称或统一社会信用代码与已登记的“${clash.name}”重复`);
    ctx.sqlite.prepare('update companies set name = ?, credit_code = ?, contact = ?, phone = ?, updated_at = ? where id = ?')
      .run(input.name, input.creditCode, input.contact, input.phone, nowIso(), input.id);
    scope.audit({ action: 'update', entity: 'company', entityId: input.id, before, after: input });
    return input.id;
  });
  return companyById(ctx, id);
}

// ── contracts ───────────────────────────────────────────────────────

const CONTRACT_SELECT = `select s.*, c.name as company_name, c.credit_code, m.name as community_name, v.title as vote_title
  from service_contracts s join companies c on c.id = s.company_id join communities m on m.id = s.community_id
  left join votes v on v.id = s.vote_id`;

function contractRow(ctx: ServiceContext, id: string): ContractRow {
  const row = ctx.sqlite.prepare(`${CONTRACT_SELECT} where s.id = ?`).get(id) as ContractRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这份物业服务合同');
  return row;
}

/** The contract's periods: its own notice periods, the community's handover period and renewal reminder. */
function periodsOf(ctx: ServiceContext, row: Pick<ContractRow, 'community_id' | 'non_renewal_notice_days' | 'dismissal_notice_days' | 'indefinite_notice_days'>): ContractPeriods {
  const rules = getCommunity(ctx, row.community_id).settings.officeRules;
  return {
    nonRenewalNoticeDays: row.non_renewal_notice_days,
    dismissalNoticeDays: row.dismissal_notice_days,
    indefiniteNoticeDays: row.indefinite_notice_days,
    renewalPreparationMonths: rules.renewalPreparationMonths,
    handoverDays: rules.handoverDays,
  };
}

function factsOf(row: ContractRow): ContractFacts {
  return {
    start: row.start_date, expiry: row.end_date, nonRenewalNoticeOn: row.non_renewal_notice_on,
    ownersDecision: row.owners_decision && row.owners_decision_on ? { kind: row.owners_decision, on: row.owners_decision_on } : null,
    terminationNoticeOn: row.termination_notice_on, endedOn: row.ended_on, handedOverOn: row.handed_over_on,
  };
}

function summaryOf(ctx: ServiceContext, row: ContractRow, today: string): ContractSummary {
  const calendar = officeCalendar(ctx);
  const periods = periodsOf(ctx, row);
  const noticeBy = nonRenewalNoticeBy(row.end_date, periods, calendar);
  return {
    id: row.id, communityId: row.community_id, communityName: row.community_name, companyId: row.company_id, companyName: row.company_name,
    creditCode: row.credit_code, kind: row.kind, startDate: row.start_date, endDate: row.end_date,
    state: contractStateOn(factsOf(row), today, periods, calendar),
    nonRenewalNoticeBy: { date: noticeBy.date, onRestDay: noticeBy.onRestDay },
    renewalPreparationFrom: renewalPreparationFrom(row.end_date, periods),
  };
}

export function getContract(ctx: ServiceContext, id: string, today = todayInOffice()): ContractDetail {
  const row = contractRow(ctx, id);
  const periods = periodsOf(ctx, row);
  const dismissal = earliestEndAfter(today, row.end_date, periods, officeCalendar(ctx));
  return {
    ...summaryOf(ctx, row, today),
    voteId: row.vote_id, voteTitle: row.vote_title,
    nonRenewalNoticeDays: row.non_renewal_notice_days, dismissalNoticeDays: row.dismissal_notice_days,
    indefiniteNoticeDays: row.indefinite_notice_days, handoverDays: periods.handoverDays,
    fees: (JSON.parse(row.fees) as { partType: string; fee: number }[]).map((f) => ({ partType: f.partType, fee: fenToYuan(f.fee) })),
    serviceLevel: row.service_level, deposit: fenToYuan(row.deposit), signatories: row.signatories, note: row.note,
    nonRenewalNoticeOn: row.non_renewal_notice_on, ownersDecision: row.owners_decision, ownersDecisionOn: row.owners_decision_on,
    terminationNoticeOn: row.termination_notice_on, endedOn: row.ended_on, endReason: row.end_reason, handedOverOn: row.handed_over_on,
    dismissalIfNoticedToday: { date: dismissal.date, onRestDay: dismissal.onRestDay, days: dismissal.days },
  };
}

export function listContracts(ctx: ServiceContext, communityId: string | undefined, today = todayInOffice()): ContractSummary[] {
  const rows = (communityId === undefined
    ? ctx.sqlite.prepare(`${CONTRACT_SELECT} order by m.name, s.start_date desc`).all()
    : ctx.sqlite.prepare(`${CONTRACT_SELECT} where s.community_id = ? order by s.start_date desc`).all(communityId)) as ContractRow[];
  return rows.map((r) => summaryOf(ctx, r, today));
}

type Terms = Omit<z.output<typeof contractUpdate>, 'id'>;

/** The terms' own checks: the dates in order, the vote belongs to the community and is an item-4 vote. */
function checkTerms(ctx: ServiceContext, communityId: string, terms: Terms): void {
  if (terms.endDate < terms.startDate) {
    throw new AppError('VALIDATION', `合同届满日 ${terms.endDate} 早于起始日 ${terms.startDate}`, [fieldProblem('endDate', '届满日应不早于起始日', '合同届满日')]);
  }
  if (terms.kind === '业主大会表决选聘' && terms.voteId !== null) {
    const vote = ctx.sqlite.prepare(`select v.community_id, v.title, (select count(*) from vote_items i where i.vote_id = v.id and i.category = 4) as item4
      from votes v where v.id = ?`).get(terms.voteId) as { community_id: string; title: string; item4: number } | undefined;
    if (!vote || vote.community_id !== communityId) throw AppError.field('VALIDATION', 'voteId', '所选表决不属于本小区');
    if (vote.item4 === 0) throw AppError.field('VALIDATION', 'voteId', `表决“${vote.title}”没有选聘物业服务企业的议题（第二百七十八条第四项）`);
  }
  if (terms.kind !== '业主大会表决选聘' && terms.voteId !== null) throw AppError.field('VALIDATION', 'voteId', `${terms.kind}合同不关联业主表决`);
}

function termValues(terms: Terms) {
  return [
    terms.kind, terms.voteId, terms.startDate, terms.endDate, terms.nonRenewalNoticeDays, terms.dismissalNoticeDays, terms.indefiniteNoticeDays,
    JSON.stringify(terms.fees), terms.serviceLevel, terms.deposit ?? 0, terms.signatories, terms.note,
  ] as const;
}

export function createContract(ctx: ServiceContext, actor: Actor, input: z.output<typeof contractFields>, today = todayInOffice()): ContractDetail {
  getCommunity(ctx, input.communityId);
  const id = write(ctx, actor, (scope) => {
    let companyId = input.companyId;
    if (companyId === null) {
      if (input.company === null) throw AppError.field('VALIDATION', 'companyId', '请选择或填写物业服务企业', '物业服务企业');
      companyId = ensureCompany(ctx, scope, input.company);
    } else companyById(ctx, companyId);
    checkTerms(ctx, input.communityId, input);
    const id = newId();
    const now = nowIso();
    ctx.sqlite.prepare(`insert into service_contracts (id, community_id, company_id, kind, vote_id, start_date, end_date, non_renewal_notice_days,
        dismissal_notice_days, indefinite_notice_days, fees, service_level, deposit, signatories, note, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, input.communityId, companyId, ...termValues(input), now, now);
    scope.audit({ action: 'create', entity: 'service_contract', entityId: id, after: { ...input, companyId } });
    return id;
  });
  return getContract(ctx, id, today);
}

export function updateContract(ctx: ServiceContext, actor: Actor, input: z.output<typeof contractUpdate>, today = todayInOffice()): ContractDetail {
  write(ctx, actor, (scope) => {
    const before = contractRow(ctx, input.id);
    const companyId = input.companyId ?? before.company_id;
    companyById(ctx, companyId);
    checkTerms(ctx, before.community_id, input);
    const problems = checkContractFacts({ ...factsOf(before), start: input.startDate, expiry: input.endDate });
    if (problems.length > 0) throw new AppError('REFUSED', problems.join('；'));
    ctx.sqlite.prepare(`update service_contracts set company_id = ?, kind = ?, vote_id = ?, start_date = ?, end_date = ?, non_renewal_notice_days = ?,
        dismissal_notice_days = ?, indefinite_notice_days = ?, fees = ?, service_level = ?, deposit = ?, signatories = ?, note = ?, updated_at = ?
        where id = ?`).run(companyId, ...termValues(input), nowIso(), input.id);
    scope.audit({ action: 'update', entity: 'service_contract', entityId: input.id, before, after: input });
  });
  return getContract(ctx, input.id, today);
}

const EVENT_COLUMNS: Record<z.output<typeof contractEventInput>['event'], { set: string; name: string }> = {
  'non-renewal-notice': { set: 'non_renewal_notice_on = ?', name: '物业不续聘通知' },
  'owners-decision-renew': { set: "owners_decision = 'renew', owners_decision_on = ?", name: '业主大会续聘决定' },
  'owners-decision-replace': { set: "owners_decision = 'replace', owners_decision_on = ?", name: '业主大会另聘决定' },
  'termination-notice': { set: 'termination_notice_on = ?', name: '解除合同书面通知' },
  ended: { set: 'ended_on = ?', name: '合同终止' },
  'handed-over': { set: 'handed_over_on = ?', name: '移交完成' },
};

/**
 * Record one of the events that end a contract. Each is dated once; the
 * facts together must be possible (checkContractFacts) and not in the future.
 */
export function recordContractEvent(ctx: ServiceContext, actor: Actor, input: z.output<typeof contractEventInput>, today = todayInOffice()): ContractDetail {
  write(ctx, actor, (scope) => {
    const before = contractRow(ctx, input.contractId);
    const event = EVENT_COLUMNS[input.event];
    if (input.date > today) throw new AppError('VALIDATION', `${event.name}日期 ${input.date} 在今天之后，请在事情发生后登记`);
    const facts = factsOf(before);
    const taken: Record<typeof input.event, string | null> = {
      'non-renewal-notice': facts.nonRenewalNoticeOn, 'owners-decision-renew': facts.ownersDecision?.on ?? null,
      'owners-decision-replace': facts.ownersDecision?.on ?? null, 'termination-notice': facts.terminationNoticeOn,
      ended: facts.endedOn, 'handed-over': facts.handedOverOn,
    };
    if (taken[input.event] !== null) throw new AppError('REFUSED', `本合同已登记${event.name}（${taken[input.event]}），如有误请联系管理员更正`);
    const next: ContractFacts = { ...facts };
    if (input.event === 'non-renewal-notice') next.nonRenewalNoticeOn = input.date;
    if (input.event === 'owners-decision-renew') next.ownersDecision = { kind: 'renew', on: input.date };
    if (input.event === 'owners-decision-replace') next.ownersDecision = { kind: 'replace', on: input.date };
    if (input.event === 'termination-notice') next.terminationNoticeOn = input.date;
    if (input.event === 'ended') next.endedOn = input.date;
    if (input.event === 'handed-over') next.handedOverOn = input.date;
    const problems = checkContractFacts(next);
    if (problems.length > 0) throw new AppError('REFUSED', problems.join('；'));
    ctx.sqlite.prepare(`update service_contracts set ${event.set}, updated_at = ? where id = ?`).run(input.date, nowIso(), input.contractId);
    if (input.event === 'ended' && input.note !== '') ctx.sqlite.prepare('update service_contracts set end_reason = ? where id = ?').run(input.note, input.contractId);
    scope.audit({ action: input.event, entity: 'service_contract', entityId: input.contractId, before: facts, after: { date: input.date, note: input.note } });
  });
  return getContract(ctx, input.contractId, today);
}

/** What a dismissal noticed on a date gives (nothing is written): the earliest end, 60 days or the contract's own. */
export function dismissalOf(ctx: ServiceContext, id: string, noticeDate: string): z.output<typeof dismissalResult> {
  const row = contractRow(ctx, id);
  if (noticeDate < row.start_date) throw new AppError('VALIDATION', `通知日期 ${noticeDate} 早于合同起始日 ${row.start_date}`);
  const e = earliestEndAfter(noticeDate, row.end_date, periodsOf(ctx, row), officeCalendar(ctx));
  const what = noticeDate > row.end_date ? '解除不定期合同' : '解聘';
  const rest = e.onRestDay ? '（该日为休息日，通知期不顺延）' : '';
  return { earliestEnd: e.date, days: e.days, onRestDay: e.onRestDay, message: `${noticeDate} 书面通知${what}，提前${e.days}日，合同最早于 ${e.date} 终止${rest}` };
}
