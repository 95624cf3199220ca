/**
 * Property-service companies and contracts (issue 6, docs/domain.md §6). The
 * statutory dates and "which rule applies today" are shared/domain/
 * service-contracts.ts; this module stores the terms and the dated events that
 * end a contract, and answers with the rules applied to them.
 */
import { and, asc, desc, eq, getTableColumns, like, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import {
  CONTRACT_KINDS, type company, type companyFields, type contractDetail, type contractEventInput, type contractFields, type contractSummary,
  type contractUpdate, type dismissalResult,
} from '../../../shared/contract/office';
import { fenToYuan } from '../../../shared/domain/money';
import {
  checkContractFacts, contractStateOn, earliestEndAfter, nonRenewalNoticeBy, renewalPreparationFrom, ownersDecisionDeadline,
  type ContractFacts, type ContractPeriods,
} from '../../../shared/domain/service-contracts';
import { nowIso, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { oneOf, storedRow } from '../../db/rows';
import { companies, serviceContracts } from '../../db/schema/office';
import { communities } from '../../db/schema/register';
import { voteItems, votes } from '../../db/schema/votes';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext, type WriteScope } from '../context';
import { officeCalendar } from '../system/holidays';
import { refuseStale } from '../record-revisions';

type Company = z.output<typeof company>;
type ContractDetail = z.output<typeof contractDetail>;
type ContractSummary = z.output<typeof contractSummary>;

/** A contract as read: its stored columns, typed from the schema, with the names the lists show. */
type ContractRow = Omit<typeof serviceContracts.$inferSelect, 'kind' | 'ownersDecision'> & {
  kind: ContractDetail['kind']; ownersDecision: ContractDetail['ownersDecision'];
  companyName: string; creditCode: string; communityName: string; voteTitle: string | null;
};

const OWNERS_DECISIONS = ['renew', 'replace'] as const;
/** The fees column as stored: JSON of [{partType, fee}], the fee in fen per m² per month. */
const storedFees = z.array(z.object({ partType: z.string(), fee: z.number() }));

// ── companies ───────────────────────────────────────────────────────

/** A company as the lists show it, with the number of contracts that name it. */
const companySelection = (ctx: ServiceContext) => ctx.db.select({
  id: companies.id, name: companies.name, creditCode: companies.creditCode, contact: companies.contact, phone: companies.phone, revision: companies.revision,
  contracts: ctx.db.$count(serviceContracts, eq(serviceContracts.companyId, companies.id)),
}).from(companies);

export function listCompanies(ctx: ServiceContext, text: string): Company[] {
  const pattern = `%${text}%`;
  return companySelection(ctx).where(or(like(companies.name, pattern), like(companies.creditCode, pattern))).orderBy(asc(companies.name)).all();
}

function companyById(ctx: ServiceContext, id: string): Company {
  const row = companySelection(ctx).where(eq(companies.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到这家物业服务企业');
  return row;
}

/**
 * Find the company by its credit code, or register it. A code already known
 * under another name is refused: the code identifies the company, and a
 * silently different name would split its history.
 */
function ensureCompany(ctx: ServiceContext, scope: WriteScope, fields: z.output<typeof companyFields>): string {
  const known = ctx.db.select({ id: companies.id, name: companies.name }).from(companies).where(eq(companies.creditCode, fields.creditCode)).get();
  if (known) {
    if (known.name !== fields.name) {
      throw new AppError('REFUSED', `统一社会信用代码 ${fields.creditCode} 已登记为“${known.name}”，与“${fields.name}”不符，请核对企业名称`);
    }
    return known.id;
  }
  return insertCompany(ctx, scope, fields);
}

function insertCompany(ctx: ServiceContext, scope: WriteScope, fields: z.output<typeof companyFields>): string {
  const clash = ctx.db.select({ name: companies.name }).from(companies)
    .where(or(eq(companies.name, fields.name), eq(companies.creditCode, fields.creditCode))).get();
  if (clash) throw new AppError('REFUSED', clash.name === fields.name ? `企业“${fields.name}”已登记` : `统一社会信用代码 ${fields.creditCode} 已登记为“${clash.name}”`);
  const id = newId();
  const now = nowIso();
  ctx.db.insert(companies).values({
    id, name: fields.name, creditCode: fields.creditCode, contact: fields.contact, phone: fields.phone, createdAt: now, updatedAt: now,
  }).run();
  scope.audit({ action: 'create', entity: 'company', entityId: id, after: fields });
  return id;
}

export function saveCompany(ctx: ServiceContext, actor: Actor, input: z.output<typeof companyFields> & { id?: string | undefined; expectedRevision?: number | undefined }): Company {
  const id = write(ctx, actor, (scope) => {
    if (input.id === undefined) return insertCompany(ctx, scope, input);
    const before = companyById(ctx, input.id);
    const stored = ctx.db.select({ id: companies.id, revision: companies.revision, updatedAt: companies.updatedAt }).from(companies).where(eq(companies.id, input.id)).get();
    if (stored) refuseStale(ctx, 'company', stored, input.expectedRevision);
    const clash = ctx.db.select({ name: companies.name }).from(companies)
      .where(and(or(eq(companies.name, input.name), eq(companies.creditCode, input.creditCode)), ne(companies.id, input.id))).get();
    if (clash) throw new AppError('REFUSED', `企业名称或统一社会信用代码与已登记的“${clash.name}”重复`);
    ctx.db.update(companies).set({ name: input.name, creditCode: input.creditCode, contact: input.contact, phone: input.phone, updatedAt: nowIso() })
      .where(eq(companies.id, input.id)).run();
    const { expectedRevision: _opened, ...after } = input;
    scope.audit({ action: 'update', entity: 'company', entityId: input.id, before, after });
    return input.id;
  });
  return companyById(ctx, id);
}

// ── contracts ───────────────────────────────────────────────────────

/** Contracts with their company's name and code, their community's name and the vote that chose the company. */
const contractSelection = (ctx: ServiceContext) => ctx.db.select({
  ...getTableColumns(serviceContracts), companyName: companies.name, creditCode: companies.creditCode, communityName: communities.name, voteTitle: votes.title,
}).from(serviceContracts)
  .innerJoin(companies, eq(companies.id, serviceContracts.companyId))
  .innerJoin(communities, eq(communities.id, serviceContracts.communityId))
  .leftJoin(votes, eq(votes.id, serviceContracts.voteId));

/** A row of contractSelection, as drizzle types it. */
type SelectedContract = ReturnType<ReturnType<typeof contractSelection>['all']>[number];

const toContractRow = (row: SelectedContract): ContractRow => ({
  ...row,
  kind: oneOf(CONTRACT_KINDS, row.kind, 'service_contracts.kind'),
  ownersDecision: oneOf(OWNERS_DECISIONS, row.ownersDecision, 'service_contracts.owners_decision'),
});

function contractRow(ctx: ServiceContext, id: string): ContractRow {
  const row = contractSelection(ctx).where(eq(serviceContracts.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到这份物业服务合同');
  return toContractRow(row);
}

/** The contract as its audit rows have always recorded it: the stored row, by column name, with the names it was read with. */
function storedContract(row: ContractRow): Record<string, unknown> {
  return {
    ...storedRow(serviceContracts, row),
    company_name: row.companyName, credit_code: row.creditCode, community_name: row.communityName, vote_title: row.voteTitle,
  };
}

/** The contract's periods: its own notice periods, the community's handover period and renewal reminder. */
function periodsOf(ctx: ServiceContext, row: Pick<ContractRow, 'communityId' | 'nonRenewalNoticeDays' | 'dismissalNoticeDays' | 'indefiniteNoticeDays'>): ContractPeriods {
  const rules = getCommunity(ctx, row.communityId).settings.officeRules;
  return {
    nonRenewalNoticeDays: row.nonRenewalNoticeDays,
    dismissalNoticeDays: row.dismissalNoticeDays,
    indefiniteNoticeDays: row.indefiniteNoticeDays,
    renewalPreparationMonths: rules.renewalPreparationMonths,
    handoverDays: rules.handoverDays,
  };
}

function factsOf(row: ContractRow): ContractFacts {
  return {
    start: row.startDate, expiry: row.endDate, nonRenewalNoticeOn: row.nonRenewalNoticeOn,
    ownersDecision: row.ownersDecision && row.ownersDecisionOn ? { kind: row.ownersDecision, on: row.ownersDecisionOn } : null,
    terminationNoticeOn: row.terminationNoticeOn, endedOn: row.endedOn, handedOverOn: row.handedOverOn,
  };
}

function summaryOf(ctx: ServiceContext, row: ContractRow, today: string): ContractSummary {
  const calendar = officeCalendar(ctx);
  const periods = periodsOf(ctx, row);
  const noticeBy = nonRenewalNoticeBy(row.endDate, periods, calendar);
  return {
    id: row.id, communityId: row.communityId, communityName: row.communityName, companyId: row.companyId, companyName: row.companyName,
    creditCode: row.creditCode, kind: row.kind, startDate: row.startDate, endDate: row.endDate,
    state: contractStateOn(factsOf(row), today, periods, calendar),
    nonRenewalNoticeBy: { date: noticeBy.date, onRestDay: noticeBy.onRestDay },
    renewalPreparationFrom: renewalPreparationFrom(row.endDate, periods),
    decisionDue: ownersDecisionDeadline(factsOf(row), today, periods, calendar),
  };
}

export function getContract(ctx: ServiceContext, id: string, today = todayInOffice()): ContractDetail {
  const row = contractRow(ctx, id);
  const periods = periodsOf(ctx, row);
  const dismissal = earliestEndAfter(today, row.endDate, periods, officeCalendar(ctx));
  return {
    ...summaryOf(ctx, row, today),
    voteId: row.voteId, voteTitle: row.voteTitle, revision: row.revision,
    nonRenewalNoticeDays: row.nonRenewalNoticeDays, dismissalNoticeDays: row.dismissalNoticeDays,
    indefiniteNoticeDays: row.indefiniteNoticeDays, handoverDays: periods.handoverDays,
    fees: storedFees.parse(JSON.parse(row.fees)).map((f) => ({ partType: f.partType, fee: fenToYuan(f.fee) })),
    serviceLevel: row.serviceLevel, deposit: fenToYuan(row.deposit), signatories: row.signatories, note: row.note,
    nonRenewalNoticeOn: row.nonRenewalNoticeOn, ownersDecision: row.ownersDecision, ownersDecisionOn: row.ownersDecisionOn,
    terminationNoticeOn: row.terminationNoticeOn, endedOn: row.endedOn, endReason: row.endReason, handedOverOn: row.handedOverOn,
    dismissalIfNoticedToday: { date: dismissal.date, onRestDay: dismissal.onRestDay, days: dismissal.days },
  };
}

export function listContracts(ctx: ServiceContext, communityId: string | undefined, today = todayInOffice()): ContractSummary[] {
  const rows = communityId === undefined
    ? contractSelection(ctx).orderBy(asc(communities.name), desc(serviceContracts.startDate)).all()
    : contractSelection(ctx).where(eq(serviceContracts.communityId, communityId)).orderBy(desc(serviceContracts.startDate)).all();
  return rows.map((r) => summaryOf(ctx, toContractRow(r), today));
}

type Terms = Omit<z.output<typeof contractUpdate>, 'id'>;

/** The terms' own checks: the dates in order, the vote belongs to the community and is an item-4 vote. */
function checkTerms(ctx: ServiceContext, communityId: string, terms: Terms): void {
  if (terms.endDate < terms.startDate) {
    throw new AppError('VALIDATION', `合同届满日 ${terms.endDate} 早于起始日 ${terms.startDate}`, [fieldProblem('endDate', '届满日应不早于起始日', '合同届满日')]);
  }
  if (terms.kind === '业主大会表决选聘' && terms.voteId !== null) {
    const vote = ctx.db.select({
      communityId: votes.communityId, title: votes.title, item4: ctx.db.$count(voteItems, and(eq(voteItems.voteId, votes.id), eq(voteItems.category, 4))),
    }).from(votes).where(eq(votes.id, terms.voteId)).get();
    if (!vote || vote.communityId !== communityId) throw AppError.field('VALIDATION', 'voteId', '所选表决不属于本小区');
    if (vote.item4 === 0) throw AppError.field('VALIDATION', 'voteId', `表决“${vote.title}”没有选聘物业服务企业的议题（第二百七十八条第四项）`);
  }
  if (terms.kind !== '业主大会表决选聘' && terms.voteId !== null) throw AppError.field('VALIDATION', 'voteId', `${terms.kind}合同不关联业主表决`);
}

function termValues(terms: Terms) {
  return {
    kind: terms.kind, voteId: terms.voteId, startDate: terms.startDate, endDate: terms.endDate, nonRenewalNoticeDays: terms.nonRenewalNoticeDays,
    dismissalNoticeDays: terms.dismissalNoticeDays, indefiniteNoticeDays: terms.indefiniteNoticeDays, fees: JSON.stringify(terms.fees),
    serviceLevel: terms.serviceLevel, deposit: terms.deposit ?? 0, signatories: terms.signatories, note: terms.note,
  };
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
    ctx.db.insert(serviceContracts).values({ id, communityId: input.communityId, companyId, ...termValues(input), createdAt: now, updatedAt: now }).run();
    scope.audit({ action: 'create', entity: 'service_contract', entityId: id, after: { ...input, companyId } });
    return id;
  });
  return getContract(ctx, id, today);
}

export function updateContract(ctx: ServiceContext, actor: Actor, input: z.output<typeof contractUpdate>, today = todayInOffice()): ContractDetail {
  write(ctx, actor, (scope) => {
    const before = contractRow(ctx, input.id);
    refuseStale(ctx, 'service_contract', before, input.expectedRevision);
    const companyId = input.companyId ?? before.companyId;
    companyById(ctx, companyId);
    checkTerms(ctx, before.communityId, input);
    const problems = checkContractFacts({ ...factsOf(before), start: input.startDate, expiry: input.endDate });
    if (problems.length > 0) throw new AppError('REFUSED', problems.join('；'));
    ctx.db.update(serviceContracts).set({ companyId, ...termValues(input), updatedAt: nowIso() }).where(eq(serviceContracts.id, input.id)).run();
    const { expectedRevision: _opened, ...after } = input;
    scope.audit({ action: 'update', entity: 'service_contract', entityId: input.id, before: storedContract(before), after });
  });
  return getContract(ctx, input.id, today);
}

/** Each event: the columns it dates, and its name in messages. */
const EVENT_COLUMNS: Record<z.output<typeof contractEventInput>['event'], { set: (date: string) => Partial<typeof serviceContracts.$inferInsert>; name: string }> = {
  'non-renewal-notice': { set: (date) => ({ nonRenewalNoticeOn: date }), name: '物业不续聘通知' },
  'owners-decision-renew': { set: (date) => ({ ownersDecision: 'renew', ownersDecisionOn: date }), name: '业主大会续聘决定' },
  'owners-decision-replace': { set: (date) => ({ ownersDecision: 'replace', ownersDecisionOn: date }), name: '业主大会另聘决定' },
  'termination-notice': { set: (date) => ({ terminationNoticeOn: date }), name: '解除合同书面通知' },
  ended: { set: (date) => ({ endedOn: date }), name: '合同终止' },
  'handed-over': { set: (date) => ({ handedOverOn: date }), name: '移交完成' },
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
    ctx.db.update(serviceContracts).set({ ...event.set(input.date), updatedAt: nowIso() }).where(eq(serviceContracts.id, input.contractId)).run();
    if (input.event === 'ended' && input.note !== '') ctx.db.update(serviceContracts).set({ endReason: input.note }).where(eq(serviceContracts.id, input.contractId)).run();
    scope.audit({ action: input.event, entity: 'service_contract', entityId: input.contractId, before: facts, after: { date: input.date, note: input.note } });
  });
  return getContract(ctx, input.contractId, today);
}

/** What a dismissal noticed on a date gives (nothing is written): the earliest end, 60 days or the contract's own. */
export function dismissalOf(ctx: ServiceContext, id: string, noticeDate: string): z.output<typeof dismissalResult> {
  const row = contractRow(ctx, id);
  if (noticeDate < row.startDate) throw new AppError('VALIDATION', `通知日期 ${noticeDate} 早于合同起始日 ${row.startDate}`);
  const e = earliestEndAfter(noticeDate, row.endDate, periodsOf(ctx, row), officeCalendar(ctx));
  const what = noticeDate > row.endDate ? '解除不定期合同' : '解聘';
  const rest = e.onRestDay ? '（该日为休息日，通知期不顺延）' : '';
  return { earliestEnd: e.date, days: e.days, onRestDay: e.onRestDay, message: `${noticeDate} 书面通知${what}，提前${e.days}日，合同最早于 ${e.date} 终止${rest}` };
}
