/**
 * The community's bodies (issue 6, docs/domain.md §6): 业委会, 议事会, 监事会 and the
 * party branch, each for one term with its members; candidates for election
 * vetted check by check (关键人选把关); and each community's coverage for the
 * roll-up. The owners' committee's rules (member count, term, deadlines after
 * the election, re-election) are shared/domain/committees.ts with the
 * community's settings; a rule that says no can be passed with a written
 * reason, kept in rule_overrides as meetings do.
 */
import type { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import {
  CANDIDATE_CHECK_NAMES, CANDIDATE_CHECKS, BODY_KINDS, type body, type bodyFields, type bodyUpdate, type candidate, type candidateCheckInput,
  type candidateFields, type coverage, type OfficeRules,
} from '../../../shared/contract/office';
import {
  checkElectionFollowUp, checkMemberCount, checkTermYears, committeeTermState, electionDeadlines, needsPartyOrganisation, termEnd, type CommitteeRules,
} from '../../../shared/domain/committees';
import type { RuleViolation } from '../../../shared/domain/meetings';
import { nowIso, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { getCommunity, listCommunities } from '../register/communities';
import { write, type Actor, type ServiceContext, type WriteScope } from '../context';
import { officeCalendar } from '../system/holidays';
import { overridesOf, recordOverrides, requireOverride } from '../rule-overrides';

type Body = z.output<typeof body>;
type Candidate = z.output<typeof candidate>;
type BodyKind = Body['kind'];

interface BodyRow { id: string; community_id: string; kind: BodyKind; elected_on: string; term_years: number; filed_on: string | null; first_meeting_on: string | null; note: string }
interface MemberRow {
  id: string; body_id: string; person_id: string | null; name: string; role: Body['members'][number]['role'];
  party_member: number; on_party_branch: number; on_residents_committee: number;
}

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
  return (ctx.sqlite.prepare("select count(*) as n from parts where community_id = ? and type <> '车位'").get(communityId) as { n: number }).n;
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
  const rules = committeeRules(getCommunity(ctx, row.community_id).settings.officeRules);
  const calendar = officeCalendar(ctx);
  const isCommittee = row.kind === OWNERS_COMMITTEE;
  const term = committeeTermState(row.elected_on, row.term_years, today, rules);
  const deadlines = isCommittee ? electionDeadlines(row.elected_on, calendar, rules) : null;
  const warnings = isCommittee && current
    ? [
      ...violations(ctx, row.community_id, row.kind, row.term_years, members.length).map((v) => v.message),
      ...checkElectionFollowUp({ electedOn: row.elected_on, firstMeetingOn: row.first_meeting_on, filedOn: row.filed_on }, today, calendar, rules),
      ...(term.flagged ? [term.message] : []),
    ]
    : [];
  const name = isCommittee ? '' : row.kind.replace('业主', '');
  return {
    id: row.id, communityId: row.community_id, kind: row.kind, electedOn: row.elected_on, termYears: row.term_years, termEnd: termEnd(row.elected_on, row.term_years),
    firstMeetingOn: row.first_meeting_on, filedOn: row.filed_on, note: row.note,
    members: members.map((m) => ({
      id: m.id, personId: m.person_id, name: m.name, role: m.role, partyMember: m.party_member === 1, onPartyBranch: m.on_party_branch === 1,
      onResidentsCommittee: m.on_residents_committee === 1,
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
  const rows = ctx.sqlite.prepare('select * from community_bodies where community_id = ? order by elected_on desc, created_at desc').all(communityId) as BodyRow[];
  const members = ctx.sqlite.prepare(`select m.* from body_members m join community_bodies b on b.id = m.body_id where b.community_id = ?
    order by m.rowid`).all(communityId) as MemberRow[];
  const seen = new Set<BodyKind>();
  return rows.map((r) => {
    const current = !seen.has(r.kind);
    seen.add(r.kind);
    return toBody(ctx, r, members.filter((m) => m.body_id === r.id), today, current);
  });
}

function bodyById(ctx: ServiceContext, id: string, today: string): Body {
  const row = ctx.sqlite.prepare('select community_id from community_bodies where id = ?').get(id) as { community_id: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这个组织');
  return listBodies(ctx, row.community_id, today).find((b) => b.id === id)!;
}

type Members = z.output<typeof bodyFields>['members'];

function checkMembers(ctx: ServiceContext, communityId: string, members: Members): void {
  const names = new Set<string>();
  for (const [i, m] of members.entries()) {
    const key = m.personId ?? m.name;
    if (names.has(key)) throw new AppError('VALIDATION', `第${i + 1}位成员“${m.name}”重复`, [fieldProblem(`members.${i}.name`, '重复', `第${i + 1}位成员姓名`)]);
    names.add(key);
    if (m.personId !== null && !ctx.sqlite.prepare('select 1 from persons where id = ?').get(m.personId)) {
      throw AppError.field('VALIDATION', `members.${i}.name`, `第${i + 1}位成员“${m.name}”不在人员名册中`);
    }
  }
  void communityId;
}

function writeMembers(ctx: ServiceContext, bodyId: string, members: Members): void {
  ctx.sqlite.prepare('delete from body_members where body_id = ?').run(bodyId);
  const insert = ctx.sqlite.prepare(`insert into body_members (id, body_id, person_id, name, role, party_member, on_party_branch, on_residents_committee,
    created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const now = nowIso();
  for (const m of members) {
    insert.run(newId(), bodyId, m.personId, m.name, m.role, m.partyMember ? 1 : 0, m.onPartyBranch ? 1 : 0, m.onResidentsCommittee ? 1 : 0, now, now);
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
    ctx.sqlite.prepare(`insert into community_bodies (id, community_id, kind, elected_on, term_years, filed_on, first_meeting_on, note, created_at, updated_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, input.communityId, input.kind, input.electedOn, input.termYears, input.filedOn, input.firstMeetingOn, input.note, now, now);
    writeMembers(ctx, id, input.members);
    scope.audit({ action: 'create', entity: 'community_body', entityId: id, after: input });
    recordOverrides(ctx, scope, actor, { communityId: input.communityId, entity: 'community_body', entityId: id }, broken, input.overrideReason);
    return id;
  });
  return bodyById(ctx, id, today);
}

export function updateBody(ctx: ServiceContext, actor: Actor, input: z.output<typeof bodyUpdate>, today = todayInOffice()): Body {
  const before = ctx.sqlite.prepare('select * from community_bodies where id = ?').get(input.id) as BodyRow | undefined;
  if (!before) throw new AppError('NOT_FOUND', '找不到这个组织');
  checkDates(input, today);
  checkMembers(ctx, before.community_id, input.members);
  const broken = violations(ctx, before.community_id, before.kind, input.termYears, input.members.length);
  requireOverride(broken, input.overrideReason);
  write(ctx, actor, (scope: WriteScope) => {
    const membersBefore = ctx.sqlite.prepare('select * from body_members where body_id = ?').all(input.id);
    ctx.sqlite.prepare('update community_bodies set elected_on = ?, term_years = ?, filed_on = ?, first_meeting_on = ?, note = ?, updated_at = ? where id = ?')
      .run(input.electedOn, input.termYears, input.filedOn, input.firstMeetingOn, input.note, nowIso(), input.id);
    writeMembers(ctx, input.id, input.members);
    scope.audit({ action: 'update', entity: 'community_body', entityId: input.id, before: { ...before, members: membersBefore }, after: input });
    recordOverrides(ctx, scope, actor, { communityId: before.community_id, entity: 'community_body', entityId: input.id }, broken, input.overrideReason);
  });
  return bodyById(ctx, input.id, today);
}

// ── candidates ──────────────────────────────────────────────────────

interface CandidateRow {
  id: string; community_id: string; kind: BodyKind; person_id: string | null; name: string; recommended_by: Candidate['recommendedBy'];
  publicity_start: string | null; publicity_end: string | null;
}
interface CheckRow { candidate_id: string; check_key: (typeof CANDIDATE_CHECKS)[number]; passed: number; note: string; checked_by: string; checked_at: string }

/** Whether the register shows the person owning a part in the community now (null: the candidate is not linked to a person). */
function ownsPart(ctx: ServiceContext, communityId: string, personId: string | null): boolean | null {
  if (personId === null) return null;
  return ctx.sqlite.prepare(`select 1 from ownerships o join parts p on p.id = o.part_id
    where o.person_id = ? and p.community_id = ? and o.end_date is null limit 1`).get(personId, communityId) !== undefined;
}

function toCandidate(ctx: ServiceContext, r: CandidateRow, checks: CheckRow[], today: string): Candidate {
  // The newest check of each kind counts; earlier ones stay as the record of who checked what.
  const latest = new Map<string, CheckRow>();
  for (const c of checks) latest.set(c.check_key, c);
  const list = CANDIDATE_CHECKS.map((check) => {
    const c = latest.get(check);
    return { check, name: CANDIDATE_CHECK_NAMES[check], passed: c ? c.passed === 1 : null, note: c?.note ?? '', checkedBy: c?.checked_by ?? null, checkedAt: c?.checked_at ?? null };
  });
  const publicityOver = r.publicity_end !== null && r.publicity_end < today;
  return {
    id: r.id, communityId: r.community_id, kind: r.kind, personId: r.person_id, name: r.name, recommendedBy: r.recommended_by,
    publicityStart: r.publicity_start, publicityEnd: r.publicity_end, ownsPartInRegister: ownsPart(ctx, r.community_id, r.person_id),
    checks: list, cleared: publicityOver && list.every((c) => c.passed === true),
  };
}

export function listCandidates(ctx: ServiceContext, communityId: string, today = todayInOffice()): Candidate[] {
  const rows = ctx.sqlite.prepare('select * from body_candidates where community_id = ? order by created_at').all(communityId) as CandidateRow[];
  const checks = ctx.sqlite.prepare(`select c.* from candidate_checks c join body_candidates b on b.id = c.candidate_id where b.community_id = ?
    order by c.checked_at, c.rowid`).all(communityId) as CheckRow[];
  return rows.map((r) => toCandidate(ctx, r, checks.filter((c) => c.candidate_id === r.id), today));
}

function candidateById(ctx: ServiceContext, id: string, today: string): Candidate {
  const row = ctx.sqlite.prepare('select community_id from body_candidates where id = ?').get(id) as { community_id: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这位候选人');
  return listCandidates(ctx, row.community_id, today).find((c) => c.id === id)!;
}

export function createCandidate(ctx: ServiceContext, actor: Actor, input: z.output<typeof candidateFields>, today = todayInOffice()): Candidate {
  getCommunity(ctx, input.communityId);
  if ((input.publicityStart === null) !== (input.publicityEnd === null)) throw new AppError('VALIDATION', '公示开始和结束日期应同时填写');
  if (input.publicityStart !== null && input.publicityEnd !== null && input.publicityEnd < input.publicityStart) {
    throw new AppError('VALIDATION', `公示结束日期 ${input.publicityEnd} 早于开始日期 ${input.publicityStart}`);
  }
  if (input.personId !== null && !ctx.sqlite.prepare('select 1 from persons where id = ?').get(input.personId)) throw new AppError('VALIDATION', '所选人员不在人员名册中');
  const id = write(ctx, actor, (scope) => {
    const id = newId();
    const now = nowIso();
    ctx.sqlite.prepare(`insert into body_candidates (id, community_id, kind, person_id, name, recommended_by, publicity_start, publicity_end, created_at, updated_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, input.communityId, input.kind, input.personId, input.name, input.recommendedBy, input.publicityStart,
      input.publicityEnd, now, now);
    scope.audit({ action: 'create', entity: 'body_candidate', entityId: id, after: input });
    return id;
  });
  return candidateById(ctx, id, today);
}

/** Record who checked what: a new row each time, so a changed finding keeps the earlier one. */
export function checkCandidate(ctx: ServiceContext, actor: Actor, input: z.output<typeof candidateCheckInput>, today = todayInOffice()): Candidate {
  const row = ctx.sqlite.prepare('select * from body_candidates where id = ?').get(input.candidateId) as CandidateRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这位候选人');
  // The register answers "owns a part" by itself; a pass against it needs the reason (e.g. a purchase not yet registered).
  if (input.check === 'owns_part' && input.passed && ownsPart(ctx, row.community_id, row.person_id) === false && input.note.trim() === '') {
    throw new AppError('REFUSED', `登记册中${row.name}在本小区没有专有部分，如确属业主请在核查说明中写明依据`);
  }
  write(ctx, actor, (scope) => {
    const id = newId();
    ctx.sqlite.prepare('insert into candidate_checks (id, candidate_id, check_key, passed, note, checked_by, checked_at) values (?, ?, ?, ?, ?, ?, ?)')
      .run(id, input.candidateId, input.check, input.passed ? 1 : 0, input.note, actor.author, nowIso());
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
    const managed = ctx.sqlite.prepare(`select 1 from service_contracts where community_id = ? and start_date <= ? and handed_over_on is null
      and (ended_on is null or ended_on >= ?) limit 1`).get(c.id, today, today) !== undefined;
    return {
      communityId: c.id, communityName: c.name,
      bodies: Object.fromEntries(BODY_KINDS.map((k) => [k, bodies.some((b) => b.kind === k)])),
      partyMembers, needsPartyOrganisation: needsPartyOrganisation(partyMembers), hasPartyOrganisation: bodies.some((b) => b.kind === '党支部'),
      propertyManagement: managed,
    };
  });
}
