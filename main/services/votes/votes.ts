/**
 * Owners' votes: creating one freezes its electorate (voting subjects, their
 * parts and areas per item scope) so later register changes do not move it;
 * it may be frozen again, with a reason, until the first ballot. Closing locks
 * it; a later correction is an amendment (services/votes/ballots.ts).
 */
import { and, asc, count, desc, eq, exists, inArray, isNull, not, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import { meetingKind } from '../../../shared/contract/meetings';
import {
  CHOICES, scopePart, type resultParts, type subjectPage, type voteCreate, type voteDetail, type voteListItem,
} from '../../../shared/contract/votes';
import { formatHundredths } from '../../../shared/domain/area';
import { daysBetween, deadlineToAct } from '../../../shared/domain/dates';
import { computeElectorate, type ElectorateBreakdown } from '../../../shared/domain/electorate';
import { ASSEMBLY_KINDS } from '../../../shared/domain/meetings';
import { ART_278_ITEMS, thresholdOf, type Choice, type ExtraItem, type Threshold } from '../../../shared/domain/tally';
import { nowIso, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { oneOf } from '../../db/rows';
import { agendaItems, matters, meetings } from '../../db/schema/meetings';
import { buildings, entrances, parts as partsTable, persons } from '../../db/schema/register';
import {
  ballotChecks, ballotChoices, ballots, voteAmendments, voteItems, voteItemSubjects, votes, voteSubjectParts, voteSubjects as subjectsTable,
} from '../../db/schema/votes';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext, type WriteScope } from '../context';
import { indexAgenda, indexVote } from '../system/search-sources';
import { electorateParts } from '../register/electorate';
import { officeCalendar } from '../system/holidays';
import { openDifferences } from './double-entry';
import { meetingRules } from '../meetings/meetings';
import { voteRow, voteSettingsOf, type VoteRow } from './vote-record';
import { ballotCounts, subjectCount } from './vote-tally';
import { openProxyDocument } from '../../security/personal-data';
import { maskDocument } from '../../../shared/domain/identity';

type VoteDetail = z.output<typeof voteDetail>;
type VoteCreate = z.output<typeof voteCreate>;
type ScopePart = VoteCreate['items'][number]['scope'][number];

const dec = (n: number) => formatHundredths(n);
const THRESHOLDS = ['majority', 'three-quarters'] as const;
const VOTE_STATUSES = ['open', 'closed'] as const;

/** vote_items.breakdown as stored: the ElectorateBreakdown of the item's scope at freezing (areas in hundredths), keys in the order it is written. */
const storedBreakdown = z.object({
  partsInScope: z.number().int(),
  countedParts: z.number().int(),
  excludedParking: z.object({ parts: z.number().int(), area: z.number().int() }),
  developer: z.object({ parts: z.number().int(), area: z.number().int() }),
  coOwnedParts: z.number().int(),
  withoutOwner: z.number().int(),
  multiPartSubjects: z.object({ subjects: z.number().int(), parts: z.number().int() }),
  mergedParts: z.number().int(),
}) satisfies z.ZodType<ElectorateBreakdown>;

/** vote_items.scope as stored: the buildings and entrances of the item's scope ('[]' for the whole community). */
const storedScope = z.array(scopePart);

function breakdownOut(b: ElectorateBreakdown) {
  return {
    ...b,
    excludedParking: { parts: b.excludedParking.parts, area: dec(b.excludedParking.area) },
    developer: { parts: b.developer.parts, area: dec(b.developer.area) },
  };
}

/** The closing date + the posting days (a deadline to act: moved past rest days). */
function postingDeadline(ctx: ServiceContext, row: VoteRow): string | null {
  if (!row.closedAt) return null;
  const closedOn = todayInOffice('Asia/Shanghai', new Date(row.closedAt));
  return deadlineToAct(closedOn, { days: meetingRules(ctx, row.communityId).postingDays }, officeCalendar(ctx)).date;
}

export function getVote(ctx: ServiceContext, id: string): VoteDetail {
  const row = voteRow(ctx, id);
  const meeting = ctx.db.select({ title: meetings.title, form: meetings.form }).from(meetings).where(eq(meetings.id, row.meetingId)).get()!;
  const items = ctx.db.select({
    id: voteItems.id, position: voteItems.position, title: voteItems.title, category: voteItems.category, categoryName: voteItems.categoryName,
    threshold: voteItems.threshold, scopeLabel: voteItems.scopeLabel, matterId: voteItems.matterId, count: voteItems.electorateCount,
    area: voteItems.electorateArea, breakdown: voteItems.breakdown,
  }).from(voteItems).where(eq(voteItems.voteId, id)).orderBy(voteItems.position).all();
  const b = ballotCounts(ctx, id);
  return {
    id, communityId: row.communityId, communityName: getCommunity(ctx, row.communityId).name, meetingId: row.meetingId,
    meetingTitle: meeting.title, meetingForm: meeting.form, title: row.title, opens: row.opens, closes: row.closes, status: row.status,
    settings: voteSettingsOf(row), doubleEntry: row.doubleEntry, differences: row.doubleEntry ? openDifferences(ctx, id) : 0,
    frozenAt: row.frozenAt, freezeReason: row.freezeReason, closedAt: row.closedAt, closedBy: row.closedBy,
    postedDate: row.postedDate, postingDeadline: postingDeadline(ctx, row),
    items: items.map((i) => ({
      id: i.id, position: i.position, title: i.title, category: i.category, categoryName: i.categoryName, threshold: oneOf(THRESHOLDS, i.threshold, 'vote_items.threshold'),
      scopeLabel: i.scopeLabel, matterId: i.matterId, electorate: { count: i.count, area: dec(i.area) },
      breakdown: breakdownOut(storedBreakdown.parse(JSON.parse(i.breakdown))),
    })),
    subjects: subjectCount(ctx, id),
    ballots: { returned: b.returned, valid: b.valid, invalid: b.returned - b.valid },
    amendments: ctx.db.select({ id: voteAmendments.id, reason: voteAmendments.reason, author: voteAmendments.author, at: voteAmendments.at, ballotId: voteAmendments.ballotId })
      .from(voteAmendments).where(eq(voteAmendments.voteId, id)).orderBy(voteAmendments.at).all(),
  };
}

export function listVotes(ctx: ServiceContext, communityId: string): z.output<typeof voteListItem>[] {
  const list = ctx.db.select({
    id: votes.id, title: votes.title, opens: votes.opens, closes: votes.closes, status: votes.status,
    items: ctx.db.$count(voteItems, eq(voteItems.voteId, votes.id)),
    subjects: ctx.db.$count(subjectsTable, eq(subjectsTable.voteId, votes.id)),
    returned: ctx.db.$count(ballots, and(eq(ballots.voteId, votes.id), isNull(ballots.supersededBy))),
  }).from(votes).where(eq(votes.communityId, communityId)).orderBy(desc(votes.opens), desc(votes.createdAt)).all();
  // Every item of the community's votes in one read (vote_items.passed is kept at closing and after each amendment).
  const items = ctx.db.select({ voteId: voteItems.voteId, category: voteItems.category, passed: voteItems.passed, status: votes.status })
    .from(voteItems).innerJoin(votes, eq(votes.id, voteItems.voteId)).where(eq(votes.communityId, communityId)).orderBy(voteItems.voteId, voteItems.position).all();
  const outcomes = new Map<string, z.output<typeof voteListItem>['outcomes']>();
  for (const { voteId, category, passed, status } of items) {
    outcomes.set(voteId, [...(outcomes.get(voteId) ?? []), { category, passed: status === 'closed' && passed !== null ? passed : null }]);
  }
  return list.map((v) => ({ ...v, status: oneOf(VOTE_STATUSES, v.status, 'votes.status'), outcomes: outcomes.get(v.id) ?? [] }));
}

/** Scope names as docs/cli.md §7 writes them: 2幢/1单元+3幢. */
function scopeLabel(ctx: ServiceContext, communityId: string, scope: ScopePart[]): string {
  if (scope.length === 0) return '全体业主';
  return scope.map((s) => {
    const b = ctx.db.select({ name: buildings.name }).from(buildings).where(and(eq(buildings.id, s.buildingId), eq(buildings.communityId, communityId))).get()?.name;
    if (!b) throw new AppError('VALIDATION', '议题范围中的楼栋不属于本小区');
    if (!s.entranceId) return b;
    const e = ctx.db.select({ name: entrances.name }).from(entrances).where(and(eq(entrances.id, s.entranceId), eq(entrances.buildingId, s.buildingId))).get()?.name;
    if (!e) throw new AppError('VALIDATION', `议题范围中的单元不属于${b}`);
    return `${b}/${e}`;
  }).join('+');
}

interface PartInfo { address: string; sortKey: string; buildingId: string; entranceId: string | null; buildingName: string; entranceName: string; room: string }

/**
 * Freeze the electorate into the vote's tables (inside a write): subjects by the
 * pure rule (shared/domain/electorate.ts), codes in address order, and each
 * item's subjects with their area inside its scope.
 */
function freeze(ctx: ServiceContext, voteId: string, communityId: string, countParking: boolean): void {
  const parts = electorateParts(ctx, { communityId });
  const electorate = computeElectorate(parts, { countParking });
  const info = new Map<string, PartInfo>();
  for (const { id, ...r } of ctx.db.select({
    id: partsTable.id, address: partsTable.address, sortKey: partsTable.sortKey, buildingId: partsTable.buildingId, entranceId: partsTable.entranceId,
    buildingName: buildings.name, entranceName: sql<string>`coalesce(${entrances.name}, '')`, room: partsTable.room,
  }).from(partsTable).innerJoin(buildings, eq(buildings.id, partsTable.buildingId)).leftJoin(entrances, eq(entrances.id, partsTable.entranceId))
    .where(eq(partsTable.communityId, communityId)).all()) info.set(id, r);
  const names = new Map(ctx.db.select({ id: persons.id, name: persons.name }).from(persons).where(eq(persons.communityId, communityId)).all().map((p) => [p.id, p.name]));
  const developer = getCommunity(ctx, communityId).developer || '建设单位';
  const subjects = electorate.subjects
    .map((s) => ({ ...s, partIds: [...s.partIds].sort((a, b) => (info.get(a)!.sortKey < info.get(b)!.sortKey ? -1 : 1)) }))
    .sort((a, b) => (info.get(a.partIds[0]!)!.sortKey < info.get(b.partIds[0]!)!.sortKey ? -1 : 1));
  const width = Math.max(4, String(subjects.length).length);
  // Freezing writes a row per subject, part and item share (80,000 for 20,000 parts): raw statements prepared once.
  const insertSubject = ctx.sqlite.prepare('insert into vote_subjects (id, vote_id, code, subject_key, kind, label, addresses, area) values (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertPart = ctx.sqlite.prepare(`insert into vote_subject_parts (subject_id, vote_id, part_id, address, building_id, entrance_id, building_name,
    entrance_name, room, sort_key, area) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const partArea = new Map(parts.map((p) => [p.id, p.area]));
  const frozen = subjects.map((s, i) => {
    const id = newId();
    const label = s.kind === 'developer' ? `${developer}（未售及未交付部分）`
      : s.kind === 'no-owner' ? '（未登记业主）'
      : s.ownerIds.map((o) => names.get(o) ?? '').sort((a, b) => a.localeCompare(b, 'zh-CN')).join('、');
    insertSubject.run(id, voteId, String(i + 1).padStart(width, '0'), s.key, s.kind, label, s.partIds.map((p) => info.get(p)!.address).join('、'), s.area);
    for (const p of s.partIds) {
      const f = info.get(p)!;
      insertPart.run(id, voteId, p, f.address, f.buildingId, f.entranceId, f.buildingName, f.entranceName, f.room, f.sortKey, partArea.get(p)!);
    }
    return { id, partIds: s.partIds };
  });

  const items = ctx.db.select({ id: voteItems.id, scope: voteItems.scope }).from(voteItems).where(eq(voteItems.voteId, voteId)).all();
  const insertItemSubject = ctx.sqlite.prepare('insert into vote_item_subjects (item_id, subject_id, area) values (?, ?, ?)');
  for (const item of items) {
    const scope = storedScope.parse(JSON.parse(item.scope));
    const inScope = (p: PartInfo) => scope.length === 0 || scope.some((s) => s.buildingId === p.buildingId && (!s.entranceId || s.entranceId === p.entranceId));
    let count = 0;
    let area = 0;
    for (const s of frozen) {
      const own = s.partIds.filter((p) => inScope(info.get(p)!));
      if (own.length === 0) continue;
      const a = own.reduce((sum, p) => sum + partArea.get(p)!, 0);
      insertItemSubject.run(item.id, s.id, a);
      count += 1;
      area += a;
    }
    // The same rule applied to the scope's parts alone gives the breakdown, and must give the same totals.
    const scoped = computeElectorate(parts.filter((p) => inScope(info.get(p.id)!)), { countParking });
    if (scoped.count !== count || scoped.area !== area) throw new Error(`electorate of item ${item.id}: ${count}/${area} ≠ ${scoped.count}/${scoped.area}`);
    ctx.db.update(voteItems).set({ electorateCount: count, electorateArea: area, breakdown: JSON.stringify(scoped.breakdown) }).where(eq(voteItems.id, item.id)).run();
  }
}

/** An item's category: Art. 278's 1–9, or a local item the community has enabled. */
function categoryOf(category: number, extras: ExtraItem[], index: number): { name: string; threshold: Threshold } {
  if (category <= 9) return { name: ART_278_ITEMS[category]!, threshold: thresholdOf(category) };
  const extra = extras.find((e) => e.number === category);
  if (!extra) {
    const message = `第${index + 1}个议题的类别 ${category} 不是民法典第278条第1–9项，也不是本小区设置中增列的事项${extras.length ? `（已增列：${extras.map((e) => `${e.number} ${e.name}`).join('、')}）` : ''}`;
    throw AppError.field('VALIDATION', `items.${index}.category`, message);
  }
  return { name: extra.name, threshold: extra.threshold };
}

function checkWindow(ctx: ServiceContext, communityId: string, opens: string, closes: string): void {
  if (closes < opens) throw AppError.field('VALIDATION', 'closes', `投票截止日期 ${closes} 早于开始日期 ${opens}`);
  const { minWindowDays, maxWindowDays } = getCommunity(ctx, communityId).settings.voteRules;
  const days = daysBetween(opens, closes);
  if ((minWindowDays !== null && days < minWindowDays) || (maxWindowDays !== null && days > maxWindowDays)) {
    const message = `本小区规定投票期为${minWindowDays ?? 1}–${maxWindowDays ?? '不限'}日，${opens} 至 ${closes} 为${days}日`;
    throw AppError.field('VALIDATION', 'closes', message);
  }
}

/** The assembly that votes: the one given (items must be in its notice), or a written solicitation created for it. */
function assemblyFor(ctx: ServiceContext, tx: WriteScope, input: VoteCreate): string {
  if (input.meetingId === null) {
    const id = newId();
    const now = nowIso();
    ctx.db.insert(meetings).values({
      id, communityId: input.communityId, kind: '业主大会', form: '书面征求意见', title: input.title, date: input.closes, noticeDate: input.opens,
      status: 'planned', createdAt: now, updatedAt: now,
    }).run();
    ctx.db.insert(agendaItems).values(input.items.map((item, i) => ({
      id: newId(), meetingId: id, position: i + 1, title: item.title, matterId: item.matterId, forVote: true, inNotice: true,
    }))).run();
    tx.audit({ action: 'create', entity: 'meeting', entityId: id, after: { kind: '业主大会', form: '书面征求意见', title: input.title, date: input.closes, noticeDate: input.opens, createdWithVote: true } });
    return id;
  }
  const m = ctx.db.select({ communityId: meetings.communityId, kind: meetings.kind }).from(meetings).where(eq(meetings.id, input.meetingId)).get();
  if (!m || m.communityId !== input.communityId) throw AppError.field('VALIDATION', 'meetingId', '所选会议不存在或不属于本小区');
  if (!ASSEMBLY_KINDS.includes(meetingKind.parse(m.kind))) throw AppError.field('VALIDATION', 'meetingId', `业主表决须属于业主大会（或业主代表大会），所选会议为${m.kind}`);
  const noticed = new Set(ctx.db.select({ title: agendaItems.title }).from(agendaItems)
    .where(and(eq(agendaItems.meetingId, input.meetingId), eq(agendaItems.inNotice, true))).all().map((a) => a.title));
  const missing = input.items.filter((i) => !noticed.has(i.title));
  if (missing.length > 0) {
    const errors = missing.map((i) => fieldProblem(`items.${input.items.indexOf(i)}.title`, `议题“${i.title}”未列入该会议的通知，不得表决（请先在会议议题中列入并通知）`));
    throw new AppError('REFUSED', errors.map((e) => e.message).join('；'), errors);
  }
  return input.meetingId;
}

export function createVote(ctx: ServiceContext, actor: Actor, input: VoteCreate): VoteDetail {
  const community = getCommunity(ctx, input.communityId);
  checkWindow(ctx, input.communityId, input.opens, input.closes);
  const settings = input.settings ?? community.settings.voteRules;
  const labels = input.items.map((i) => scopeLabel(ctx, input.communityId, i.scope));
  const categories = input.items.map((item, n) => categoryOf(item.category, community.settings.voteRules.extraItems, n));
  for (const item of input.items) {
    if (item.matterId === null) continue;
    const owner = ctx.db.select({ communityId: matters.communityId }).from(matters).where(eq(matters.id, item.matterId)).get()?.communityId;
    if (owner !== input.communityId) throw new AppError('VALIDATION', `议题“${item.title}”关联的事项不存在或不属于本小区`);
  }
  const id = newId();
  write(ctx, actor, (tx) => {
    const meetingId = assemblyFor(ctx, tx, input);
    const now = nowIso();
    ctx.db.insert(votes).values({
      id, communityId: input.communityId, meetingId, title: input.title, opens: input.opens, closes: input.closes, status: 'open',
      blankRule: settings.blankRule, invalidParticipates: settings.invalidParticipates, countParking: community.settings.countParkingInVotes,
      doubleEntry: input.doubleEntry, frozenAt: now, createdAt: now, updatedAt: now,
    }).run();
    ctx.db.insert(voteItems).values(input.items.map((item, i) => ({
      id: newId(), voteId: id, position: i + 1, title: item.title, category: item.category, categoryName: categories[i]!.name,
      threshold: categories[i]!.threshold, scope: JSON.stringify(item.scope), scopeLabel: labels[i]!, matterId: item.matterId, electorateCount: 0, electorateArea: 0,
    }))).run();
    freeze(ctx, id, input.communityId, community.settings.countParkingInVotes);
    indexVote(ctx, id);
    indexAgenda(ctx, meetingId);
    tx.audit({ action: 'create', entity: 'vote', entityId: id, after: { ...input, settings } });
  });
  return getVote(ctx, id);
}

/** Freeze the electorate again from today's register (before the first ballot only). */
export function refreezeVote(ctx: ServiceContext, actor: Actor, input: { id: string; reason: string }): VoteDetail {
  const row = voteRow(ctx, input.id);
  if (row.status === 'closed') throw new AppError('REFUSED', '表决已结束，不能重新确定表决权人');
  const entered = ctx.db.select({ n: count() }).from(ballots).where(eq(ballots.voteId, input.id)).get()!.n
    + ctx.db.select({ n: count() }).from(ballotChecks).where(eq(ballotChecks.voteId, input.id)).get()!.n;
  if (entered > 0) throw new AppError('REFUSED', `已录入${entered}张表决票（含复核录入），表决权人已锁定，不能重新确定`);
  const before = getVote(ctx, input.id).items.map((i) => ({ title: i.title, electorate: i.electorate }));
  const community = getCommunity(ctx, row.communityId);
  write(ctx, actor, (tx) => {
    ctx.db.delete(voteItemSubjects).where(inArray(voteItemSubjects.itemId, ctx.db.select({ id: voteItems.id }).from(voteItems).where(eq(voteItems.voteId, input.id)))).run();
    ctx.db.delete(voteSubjectParts).where(eq(voteSubjectParts.voteId, input.id)).run();
    ctx.db.delete(subjectsTable).where(eq(subjectsTable.voteId, input.id)).run();
    ctx.db.update(votes).set({ frozenAt: nowIso(), freezeReason: input.reason, countParking: community.settings.countParkingInVotes, updatedAt: nowIso() })
      .where(eq(votes.id, input.id)).run();
    freeze(ctx, input.id, row.communityId, community.settings.countParkingInVotes);
    tx.audit({ action: 'refreeze', entity: 'vote', entityId: input.id, before, after: { reason: input.reason, items: getVote(ctx, input.id).items.map((i) => ({ title: i.title, electorate: i.electorate })) } });
  });
  return getVote(ctx, input.id);
}

/**
 * Subjects with their in-scope items and current ballot: the entry screen's lookup and the ballot list. A proxy's
 * authorisation is shown in full only when `full` (查看完整证件号与电话, issue 16), else masked like an ID in a list;
 * a replacement sent back with the masked form keeps the stored one (ballots.ts).
 */
export function voteSubjects(
  ctx: ServiceContext, q: { voteId: string; search: string; state: 'all' | 'returned' | 'not-returned'; offset: number; limit: number }, full = true,
): z.output<typeof subjectPage> {
  voteRow(ctx, q.voteId);
  const s = subjectsTable;
  const where = [eq(s.voteId, q.voteId)];
  if (q.search !== '') {
    const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const room = ctx.db.select({ one: sql<number>`1` }).from(voteSubjectParts).where(and(eq(voteSubjectParts.subjectId, s.id), eq(voteSubjectParts.room, q.search)));
    where.push(or(eq(s.code, q.search), sql`${s.addresses} like ${like} escape '\\'`, sql`${s.label} like ${like} escape '\\'`, exists(room))!);
  }
  if (q.state !== 'all') {
    const current = ctx.db.select({ one: sql<number>`1` }).from(ballots).where(and(eq(ballots.subjectId, s.id), isNull(ballots.supersededBy)));
    where.push(q.state === 'returned' ? exists(current) : not(exists(current)));
  }
  const total = ctx.db.select({ n: count() }).from(s).where(and(...where)).get()!.n;
  // An exact code first, then address order (codes follow it). Without a search there is no exact code to put
  // first, and code order alone is read from the (vote, code) index page by page instead of sorting every subject.
  const order = q.search === '' ? [asc(s.code)] : [desc(sql`(${s.code} = ${q.search})`), asc(s.code)];
  const rows = ctx.db.select({ id: s.id, code: s.code, label: s.label, addresses: s.addresses, area: s.area, kind: s.kind }).from(s).where(and(...where))
    .orderBy(...order).limit(q.limit).offset(q.offset).all();
  // Up to a page of 50,000 subjects, three reads each: prepared once.
  const subjectId = sql.placeholder('subjectId');
  const ballotId = sql.placeholder('ballotId');
  const itemsOf = ctx.db.select({ itemId: voteItemSubjects.itemId, area: voteItemSubjects.area }).from(voteItemSubjects)
    .innerJoin(voteItems, eq(voteItems.id, voteItemSubjects.itemId)).where(eq(voteItemSubjects.subjectId, subjectId)).orderBy(voteItems.position).prepare();
  const ballotOf = ctx.db.select({
    id: ballots.id, valid: ballots.valid, invalidReason: ballots.invalidReason, channel: ballots.channel, proxyHolder: ballots.proxyHolder,
    proxyDocument: ballots.proxyDocument, note: ballots.note, enteredBy: ballots.enteredBy, enteredAt: ballots.enteredAt,
  }).from(ballots).where(and(eq(ballots.subjectId, subjectId), isNull(ballots.supersededBy))).prepare();
  const choicesOf = ctx.db.select({ itemId: ballotChoices.itemId, choice: ballotChoices.choice }).from(ballotChoices)
    .innerJoin(voteItems, eq(voteItems.id, ballotChoices.itemId)).where(eq(ballotChoices.ballotId, ballotId)).orderBy(voteItems.position).prepare();
  return {
    total,
    rows: rows.map((r) => {
      const b = ballotOf.get({ subjectId: r.id });
      return {
        id: r.id, code: r.code, label: r.label, addresses: r.addresses, area: dec(r.area), kind: r.kind,
        items: itemsOf.all({ subjectId: r.id }).map((i) => ({ itemId: i.itemId, area: dec(i.area) })),
        // The proxy's authorisation is opened for the ballot screens, which correct a ballot from it.
        ballot: b ? {
          ...b, proxyDocument: full ? openProxyDocument(ctx.keys, b.id, b.proxyDocument) : maskDocument(openProxyDocument(ctx.keys, b.id, b.proxyDocument)),
          choices: choicesOf.all({ ballotId: b.id }).map((c) => ({ itemId: c.itemId, choice: oneOf(CHOICES, c.choice, 'ballot_choices.choice') })),
        } : null,
      };
    }),
  };
}

/** The result notice's list: every part of a subject with its choice per item — address and area, never names. */
export function resultPartsOf(ctx: ServiceContext, voteId: string): z.output<typeof resultParts> {
  voteRow(ctx, voteId);
  const items = ctx.db.select({ id: voteItems.id }).from(voteItems).where(eq(voteItems.voteId, voteId)).orderBy(voteItems.position).all().map((i) => i.id);
  const rows = ctx.db.select({ subjectId: voteSubjectParts.subjectId, partId: voteSubjectParts.partId, address: voteSubjectParts.address, area: voteSubjectParts.area })
    .from(voteSubjectParts).where(eq(voteSubjectParts.voteId, voteId)).orderBy(voteSubjectParts.sortKey).all();
  const current = new Map(ctx.db.select({ subjectId: ballots.subjectId, id: ballots.id, valid: ballots.valid }).from(ballots)
    .where(and(eq(ballots.voteId, voteId), isNull(ballots.supersededBy))).all().map((b) => [b.subjectId, b]));
  const choices = new Map<string, Choice>();
  for (const c of ctx.db.select({ ballotId: ballotChoices.ballotId, itemId: ballotChoices.itemId, choice: ballotChoices.choice }).from(ballotChoices)
    .where(and(eq(ballotChoices.voteId, voteId), eq(ballotChoices.current, true))).all()) {
    choices.set(`${c.ballotId}/${c.itemId}`, oneOf(CHOICES, c.choice, 'ballot_choices.choice'));
  }
  // A part outside an item's scope has no say in it: scope by the part's building and entrance as frozen.
  const vp = voteSubjectParts;
  const inScope = new Set(ctx.db.select({ key: sql<string>`${voteItems.id} || '/' || ${vp.partId}` }).from(voteItems)
    .innerJoin(vp, eq(vp.voteId, voteItems.voteId))
    .where(and(eq(voteItems.voteId, voteId), sql`(${voteItems.scope} = '[]' or exists (
        select 1 from json_each(${voteItems.scope}) s where json_extract(s.value, '$.buildingId') = ${vp.buildingId}
          and (json_extract(s.value, '$.entranceId') is null or json_extract(s.value, '$.entranceId') = ${vp.entranceId})))`)).all().map((r) => r.key));
  return {
    rows: rows.map((r) => {
      const b = current.get(r.subjectId);
      return {
        address: r.address, area: dec(r.area),
        choices: items.map((itemId) => {
          if (!inScope.has(`${itemId}/${r.partId}`)) return 'none' as const;
          if (!b) return 'none' as const;
          if (!b.valid) return 'invalid' as const;
          return choices.get(`${b.id}/${itemId}`) ?? 'blank';
        }),
      };
    }),
  };
}

export function postVoteResult(ctx: ServiceContext, actor: Actor, input: { id: string; postedDate: string }): VoteDetail {
  const row = voteRow(ctx, input.id);
  if (row.status !== 'closed') throw new AppError('REFUSED', '表决尚未结束，不能公告结果');
  write(ctx, actor, (tx) => {
    ctx.db.update(votes).set({ postedDate: input.postedDate, updatedAt: nowIso() }).where(eq(votes.id, input.id)).run();
    tx.audit({ action: 'post-result', entity: 'vote', entityId: input.id, before: { postedDate: row.postedDate }, after: { postedDate: input.postedDate } });
  });
  return getVote(ctx, input.id);
}
