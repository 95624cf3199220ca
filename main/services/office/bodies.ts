/**
 * The community's bodies (issue 6, docs/domain.md §6): 业委会, 议事会, 监事会 and the
 * party branch, each for one term with its members; candidates for election
 * vetted check by check (关键人选把关); and each community's coverage for the
 * roll-up. The owners' committee's rules (member count, term, deadlines after
 * the election, re-election) are shared/domain/committees.ts with the
 * community's settings; a rule that says no can be passed with a written
 * reason, kept in rule_overrides as meetings do.
 */
import { and, asc, count, desc, eq, getTableColumns, gte, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import {
  CANDIDATE_CHECK_NAMES, CANDIDATE_CHECKS, BODY_KINDS, MEMBER_ROLES, RECOMMENDERS, type body, type bodyFields, type bodyUpdate, type candidate,
  type candidateCheckInput, type candidateFields, type coverage, type OfficeRules,
} from '../../../shared/contract/office';
import {
  checkElectionFollowUp, checkMemberCount, checkTermYears, committeeTermState, electionDeadlines, needsPartyOrganisation, termEnd, type CommitteeRules,
} from '../../../shared/domain/committees';
import type { RuleViolation } from '../../../shared/domain/meetings';
import { nowIso, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { oneOf, storedRow } from '../../db/rows';
import { bodyCandidates, bodyMembers, candidateChecks, communityBodies, serviceContracts } from '../../db/schema/office';
import { ownerships, parts, persons } from '../../db/schema/register';
import { getCommunity, listCommunities } from '../register/communities';
import { write, type Actor, type ServiceContext, type WriteScope } from '../context';
import { officeCalendar } from '../system/holidays';
import { overridesOf, recordOverrides, requireOverride } from '../rule-overrides';
import { refuseStale } from '../record-revisions';

type Body = z.output<typeof body>;
type Candidate = z.output<typeof candidate>;
type BodyKind = Body['kind'];

type BodyRow = typeof communityBodies.$inferSelect;
type MemberRow = typeof bodyMembers.$inferSelect;

const OWNERS_COMMITTEE: BodyKind = '业主委员会';

export function committeeRules(rules: OfficeRules): CommitteeRules {
  return {
    minMembers: rules.minMembers, maxMembers: rules.maxMembers, smallCommunityHouseholds: rules.smallCommunityHouseholds, maxTermYears: rules.maxTermYears,
    minTermYears: rules.minTermYears, firstMeetingDays: rules.firstMeetingDays, filingDays: rules.filingDays,
    reElectionPreparationMonths: rules.reElectionPreparationMonths,
  };
}

/** Households for the member-count rule: the community's flats and shops (parking spaces are not households). */
function households(ctx: ServiceContext, communityId: string): number {
  const [row] = ctx.db.select({ n: count() }).from(parts).where(and(eq(parts.communityId, communityId), ne(parts.type, '车位'))).all();
  return row?.n ?? 0;
}

/** The owners' committee's rules that say no to these facts (member count, term length). */
function violations(ctx: ServiceContext, communityId: string, kind: BodyKind, termYears: number, members: number): RuleViolation[] {
  if (kind !== OWNERS_COMMITTEE) return [];
  const rules = committeeRules(getCommunity(ctx, communityId).settings.officeRules);
  const out: RuleViolation[] = [];
  const count = checkMemberCount(members, households(ctx, communityId), rules);
  if (count !== null) out.push({ rule: 'committee-members', message: count });
  const term = checkTermYears(termYears, rules);
  if (term !== null) out.push({ rule: 'committee-term', message: term });
  return out;
}

function toBody(ctx: ServiceContext, row: BodyRow, members: MemberRow[], today: string, current: boolean): Body {
  const rules = committeeRules(getCommunity(ctx, row.communityId).settings.officeRules);
  const calendar = officeCalendar(ctx);
  const kind = oneOf(BODY_KINDS, row.kind, 'community_bodies.kind');
  const isCommittee = kind === OWNERS_COMMITTEE;
  const term = committeeTermState(row.electedOn, row.termYears, today, rules);
  const deadlines = isCommittee ? electionDeadlines(row.electedOn, calendar, rules) : null;
  const warnings = isCommittee && current
    ? [
      ...violations(ctx, row.communityId, kind, row.termYears, members.length).map((v) => v.message),
      ...checkElectionFollowUp({ electedOn: row.electedOn, firstMeetingOn: row.firstMeetingOn, filedOn: row.filedOn }, today, calendar, rules),
      ...(term.flagged ? [term.message] : []),
    ]
    : [];
  const name = isCommittee ? '' : kind.replace('业主', '');
  return {
    id: row.id, communityId: row.communityId, kind, electedOn: row.electedOn, termYears: row.termYears, termEnd: termEnd(row.electedOn, row.termYears),
    firstMeetingOn: row.firstMeetingOn, filedOn: row.filedOn, note: row.note, revision: row.revision,
    members: members.map((m) => ({
      id: m.id, personId: m.personId, name: m.name, role: oneOf(MEMBER_ROLES, m.role, 'body_members.role'), partyMember: m.partyMember === 1,
      onPartyBranch: m.onPartyBranch === 1, onResidentsCommittee: m.onResidentsCommittee === 1,
    })),
    firstMeetingBy: deadlines && { date: deadlines.firstMeetingBy.date, moved: deadlines.firstMeetingBy.moved },
    filingBy: deadlines && { date: deadlines.filingBy.date, moved: deadlines.filingBy.moved },
    // The committee's message speaks of 业委会; other bodies' terms are stated plainly.
    term: { kind: term.kind, reElectionFrom: term.reElectionFrom, flagged: term.flagged, message: isCommittee ? term.message : term.message.replace('业委会', name) },
    warnings,
    current,
    overrides: overridesOf(ctx, 'community_body', row.id),
  };
}

/** Every body of the community, newest term first; the newest of each kind is the current one. */
export function listBodies(ctx: ServiceContext, communityId: string, today = todayInOffice()): Body[] {
  getCommunity(ctx, communityId);
  const rows = ctx.db.select().from(communityBodies).where(eq(communityBodies.communityId, communityId))
    .orderBy(desc(communityBodies.electedOn), desc(communityBodies.createdAt)).all();
  // In the order they were entered (rowid), as the form listed them.
  const members = ctx.db.select(getTableColumns(bodyMembers)).from(bodyMembers).innerJoin(communityBodies, eq(communityBodies.id, bodyMembers.bodyId))
    .where(eq(communityBodies.communityId, communityId)).orderBy(sql`${bodyMembers}.rowid`).all();
  const seen = new Set<string>();
  return rows.map((r) => {
    const current = !seen.has(r.kind);
    seen.add(r.kind);
    return toBody(ctx, r, members.filter((m) => m.bodyId === r.id), today, current);
  });
}

function bodyById(ctx: ServiceContext, id: string, today: string): Body {
  const row = ctx.db.select({ communityId: communityBodies.communityId }).from(communityBodies).where(eq(communityBodies.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到这个组织');
  return listBodies(ctx, row.communityId, today).find((b) => b.id === id)!;
}

type Members = z.output<typeof bodyFields>['members'];

function checkMembers(ctx: ServiceContext, communityId: string, members: Members): void {
  const names = new Set<string>();
  for (const [i, m] of members.entries()) {
    const key = m.personId ?? m.name;
    if (names.has(key)) throw new AppError('VALIDATION', `第${i + 1}位成员“${m.name}”重复`, [fieldProblem(`members.${i}.name`, '重复', `第${i + 1}位成员姓名`)]);
    names.add(key);
    if (m.personId !== null && !personExists(ctx, communityId, m.personId)) {
      throw AppError.field('VALIDATION', `members.${i}.name`, `第${i + 1}位成员“${m.name}”不在人员名册中`);
    }
  }
}

/**
 * A person of this community's register: another community's person is "not in the register" too, so that a
 * caller over one 小区 cannot learn whether an id names someone in another (issue 16).
 */
const personExists = (ctx: ServiceContext, communityId: string, personId: string) =>
  ctx.db.select({ id: persons.id }).from(persons).where(and(eq(persons.id, personId), eq(persons.communityId, communityId))).get() !== undefined;

function writeMembers(ctx: ServiceContext, bodyId: string, members: Members): void {
  ctx.db.delete(bodyMembers).where(eq(bodyMembers.bodyId, bodyId)).run();
  const now = nowIso();
  for (const m of members) {
    ctx.db.insert(bodyMembers).values({
      id: newId(), bodyId, personId: m.personId, name: m.name, role: m.role, partyMember: m.partyMember ? 1 : 0, onPartyBranch: m.onPartyBranch ? 1 : 0,
      onResidentsCommittee: m.onResidentsCommittee ? 1 : 0, createdAt: now, updatedAt: now,
    }).run();
  }
}

function checkDates(input: { electedOn: string; firstMeetingOn: string | null; filedOn: string | null }, today: string): void {
  if (input.electedOn > today) throw new AppError('VALIDATION', `选举日期 ${input.electedOn} 在今天之后`);
  for (const [name, d] of [['首次会议日期', input.firstMeetingOn], ['备案日期', input.filedOn]] as const) {
    if (d !== null && d < input.electedOn) throw new AppError('VALIDATION', `${name} ${d} 早于选举日期 ${input.electedOn}`);
    if (d !== null && d > today) throw new AppError('VALIDATION', `${name} ${d} 在今天之后`);
  }
}

export function createBody(ctx: ServiceContext, actor: Actor, input: z.output<typeof bodyFields>, today = todayInOffice()): Body {
  getCommunity(ctx, input.communityId);
  checkDates(input, today);
  checkMembers(ctx, input.communityId, input.members);
  const broken = violations(ctx, input.communityId, input.kind, input.termYears, input.members.length);
  requireOverride(broken, input.overrideReason);
  const id = write(ctx, actor, (scope) => {
    const id = newId();
    const now = nowIso();
    ctx.db.insert(communityBodies).values({
      id, communityId: input.communityId, kind: input.kind, electedOn: input.electedOn, termYears: input.termYears, filedOn: input.filedOn,
      firstMeetingOn: input.firstMeetingOn, note: input.note, createdAt: now, updatedAt: now,
    }).run();
    writeMembers(ctx, id, input.members);
    scope.audit({ action: 'create', entity: 'community_body', entityId: id, after: input });
    recordOverrides(ctx, scope, actor, { communityId: input.communityId, entity: 'community_body', entityId: id }, broken, input.overrideReason);
    return id;
  });
  return bodyById(ctx, id, today);
}

export function updateBody(ctx: ServiceContext, actor: Actor, input: z.output<typeof bodyUpdate>, today = todayInOffice()): Body {
  const before = ctx.db.select().from(communityBodies).where(eq(communityBodies.id, input.id)).get();
  if (!before) throw new AppError('NOT_FOUND', '找不到这个组织');
  checkDates(input, today);
  checkMembers(ctx, before.communityId, input.members);
  const broken = violations(ctx, before.communityId, oneOf(BODY_KINDS, before.kind, 'community_bodies.kind'), input.termYears, input.members.length);
  requireOverride(broken, input.overrideReason);
  write(ctx, actor, (scope: WriteScope) => {
    const current = ctx.db.select().from(communityBodies).where(eq(communityBodies.id, input.id)).get();
    if (current) refuseStale(ctx, 'community_body', current, input.expectedRevision);
    const membersBefore = ctx.db.select().from(bodyMembers).where(eq(bodyMembers.bodyId, input.id)).all();
    ctx.db.update(communityBodies).set({
      electedOn: input.electedOn, termYears: input.termYears, filedOn: input.filedOn, firstMeetingOn: input.firstMeetingOn, note: input.note, updatedAt: nowIso(),
    }).where(eq(communityBodies.id, input.id)).run();
    writeMembers(ctx, input.id, input.members);
    const stored = { ...storedRow(communityBodies, before), members: membersBefore.map((m) => storedRow(bodyMembers, m)) };
    const { expectedRevision: _opened, ...after } = input;
    scope.audit({ action: 'update', entity: 'community_body', entityId: input.id, before: stored, after });
    recordOverrides(ctx, scope, actor, { communityId: before.communityId, entity: 'community_body', entityId: input.id }, broken, input.overrideReason);
  });
  return bodyById(ctx, input.id, today);
}

// ── candidates ──────────────────────────────────────────────────────

type CandidateRow = typeof bodyCandidates.$inferSelect;
type CheckRow = typeof candidateChecks.$inferSelect;

/** Whether the register shows the person owning a part in the community now (null: the candidate is not linked to a person). */
function ownsPart(ctx: ServiceContext, communityId: string, personId: string | null): boolean | null {
  if (personId === null) return null;
  return ctx.db.select({ id: ownerships.id }).from(ownerships).innerJoin(parts, eq(parts.id, ownerships.partId))
    .where(and(eq(ownerships.personId, personId), eq(parts.communityId, communityId), isNull(ownerships.endDate))).limit(1).get() !== undefined;
}

function toCandidate(ctx: ServiceContext, r: CandidateRow, checks: CheckRow[], today: string): Candidate {
  // The newest check of each kind counts; earlier ones stay as the record of who checked what.
  const latest = new Map<string, CheckRow>();
  for (const c of checks) latest.set(c.check, c);
  const list = CANDIDATE_CHECKS.map((check) => {
    const c = latest.get(check);
    return { check, name: CANDIDATE_CHECK_NAMES[check], passed: c ? c.passed === 1 : null, note: c?.note ?? '', checkedBy: c?.checkedBy ?? null, checkedAt: c?.checkedAt ?? null };
  });
  const publicityOver = r.publicityEnd !== null && r.publicityEnd < today;
  return {
    id: r.id, communityId: r.communityId, kind: oneOf(BODY_KINDS, r.kind, 'body_candidates.kind'), personId: r.personId, name: r.name,
    recommendedBy: oneOf(RECOMMENDERS, r.recommendedBy, 'body_candidates.recommended_by'),
    publicityStart: r.publicityStart, publicityEnd: r.publicityEnd, ownsPartInRegister: ownsPart(ctx, r.communityId, r.personId),
    checks: list, cleared: publicityOver && list.every((c) => c.passed === true),
  };
}

export function listCandidates(ctx: ServiceContext, communityId: string, today = todayInOffice()): Candidate[] {
  const rows = ctx.db.select().from(bodyCandidates).where(eq(bodyCandidates.communityId, communityId)).orderBy(asc(bodyCandidates.createdAt)).all();
  const checks = ctx.db.select(getTableColumns(candidateChecks)).from(candidateChecks).innerJoin(bodyCandidates, eq(bodyCandidates.id, candidateChecks.candidateId))
    .where(eq(bodyCandidates.communityId, communityId)).orderBy(asc(candidateChecks.checkedAt), sql`${candidateChecks}.rowid`).all();
  return rows.map((r) => toCandidate(ctx, r, checks.filter((c) => c.candidateId === r.id), today));
}

function candidateById(ctx: ServiceContext, id: string, today: string): Candidate {
  const row = ctx.db.select({ communityId: bodyCandidates.communityId }).from(bodyCandidates).where(eq(bodyCandidates.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到这位候选人');
  return listCandidates(ctx, row.communityId, today).find((c) => c.id === id)!;
}

export function createCandidate(ctx: ServiceContext, actor: Actor, input: z.output<typeof candidateFields>, today = todayInOffice()): Candidate {
  getCommunity(ctx, input.communityId);
  if ((input.publicityStart === null) !== (input.publicityEnd === null)) throw new AppError('VALIDATION', '公示开始和结束日期应同时填写');
  if (input.publicityStart !== null && input.publicityEnd !== null && input.publicityEnd < input.publicityStart) {
    throw new AppError('VALIDATION', `公示结束日期 ${input.publicityEnd} 早于开始日期 ${input.publicityStart}`);
  }
  if (input.personId !== null && !personExists(ctx, input.communityId, input.personId)) throw new AppError('VALIDATION', '所选人员不在人员名册中');
  const id = write(ctx, actor, (scope) => {
    const id = newId();
    const now = nowIso();
    ctx.db.insert(bodyCandidates).values({
      id, communityId: input.communityId, kind: input.kind, personId: input.personId, name: input.name, recommendedBy: input.recommendedBy,
      publicityStart: input.publicityStart, publicityEnd: input.publicityEnd, createdAt: now, updatedAt: now,
    }).run();
    scope.audit({ action: 'create', entity: 'body_candidate', entityId: id, after: input });
    return id;
  });
  return candidateById(ctx, id, today);
}

/** Record who checked what: a new row each time, so a changed finding keeps the earlier one. */
export function checkCandidate(ctx: ServiceContext, actor: Actor, input: z.output<typeof candidateCheckInput>, today = todayInOffice()): Candidate {
  const row = ctx.db.select().from(bodyCandidates).where(eq(bodyCandidates.id, input.candidateId)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到这位候选人');
  // The register answers "owns a part" by itself; a pass against it needs the reason (e.g. a purchase not yet registered).
  if (input.check === 'owns_part' && input.passed && ownsPart(ctx, row.communityId, row.personId) === false && input.note.trim() === '') {
    throw new AppError('REFUSED', `登记册中${row.name}在本小区没有专有部分，如确属业主请在核查说明中写明依据`);
  }
  write(ctx, actor, (scope) => {
    const id = newId();
    ctx.db.insert(candidateChecks).values({
      id, candidateId: input.candidateId, check: input.check, passed: input.passed ? 1 : 0, note: input.note, checkedBy: actor.author, checkedAt: nowIso(),
    }).run();
    scope.audit({ action: 'check', entity: 'body_candidate', entityId: input.candidateId, after: input });
  });
  return candidateById(ctx, input.candidateId, today);
}

// ── coverage for the roll-up ────────────────────────────────────────

/** Per community: which bodies exist (a current term), party members and the organisation they need, property management. */
export function coverageList(ctx: ServiceContext, today = todayInOffice()): z.output<typeof coverage>[] {
  return listCommunities(ctx).map((c) => {
    const bodies = listBodies(ctx, c.id, today).filter((b) => b.current && b.term.kind !== 'term-ended');
    const onBodies = new Set(bodies.flatMap((b) => b.members.filter((m) => m.partyMember).map((m) => m.personId ?? m.name))).size;
    const partyMembers = c.settings.officeRules.partyMembers ?? onBodies;
    const managed = ctx.db.select({ id: serviceContracts.id }).from(serviceContracts).where(and(
      eq(serviceContracts.communityId, c.id), lte(serviceContracts.startDate, today), isNull(serviceContracts.handedOverOn),
      or(isNull(serviceContracts.endedOn), gte(serviceContracts.endedOn, today)),
    )).limit(1).get() !== undefined;
    return {
      communityId: c.id, communityName: c.name,
      bodies: Object.fromEntries(BODY_KINDS.map((k) => [k, bodies.some((b) => b.kind === k)])),
      partyMembers, needsPartyOrganisation: needsPartyOrganisation(partyMembers), hasPartyOrganisation: bodies.some((b) => b.kind === '党支部'),
      propertyManagement: managed,
    };
  });
}
