/**
 * Owners' votes: creating one freezes its electorate (voting subjects, their
 * parts and areas per item scope) so later register changes do not move it;
 * it may be frozen again, with a reason, until the first ballot. Closing locks
 * it; a later correction is an amendment (services/votes/ballots.ts).
 */
import type { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import type { resultParts, subjectPage, voteCreate, voteDetail, voteListItem } from '../../../shared/contract/votes';
import { formatHundredths } from '../../../shared/domain/area';
import { daysBetween, deadlineToAct } from '../../../shared/domain/dates';
import { computeElectorate, type ElectorateBreakdown } from '../../../shared/domain/electorate';
import { ASSEMBLY_KINDS, type MeetingKind } from '../../../shared/domain/meetings';
import { ART_278_ITEMS, thresholdOf, type ExtraItem, type Threshold } from '../../../shared/domain/tally';
import { nowIso, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext, type WriteScope } from '../context';
import { electorateParts } from '../register/electorate';
import { officeCalendar } from '../system/holidays';
import { differences } from './double-entry';
import { meetingRules } from '../meetings/meetings';
import { voteRow, voteSettingsOf, type VoteRow } from './vote-record';
import { openProxyDocument } from '../../security/personal-data';

type VoteDetail = z.output<typeof voteDetail>;
type VoteCreate = z.output<typeof voteCreate>;
type ScopePart = VoteCreate['items'][number]['scope'][number];

const dec = (n: number) => formatHundredths(n);

function breakdownOut(b: ElectorateBreakdown) {
  return {
    ...b,
    excludedParking: { parts: b.excludedParking.parts, area: dec(b.excludedParking.area) },
    developer: { parts: b.developer.parts, area: dec(b.developer.area) },
  };
}

/** The closing date + the posting days (a deadline to act: moved past rest days). */
function postingDeadline(ctx: ServiceContext, row: VoteRow): string | null {
  if (!row.closed_at) return null;
  const closedOn = todayInOffice('Asia/Shanghai', new Date(row.closed_at));
  return deadlineToAct(closedOn, { days: meetingRules(ctx, row.community_id).postingDays }, officeCalendar(ctx)).date;
}

export function getVote(ctx: ServiceContext, id: string): VoteDetail {
  const row = voteRow(ctx, id);
  const meeting = ctx.sqlite.prepare('select title, form from meetings where id = ?').get(row.meeting_id) as { title: string; form: string | null };
  const items = ctx.sqlite.prepare(`select id, position, title, category, category_name as categoryName, threshold, scope_label as scopeLabel, matter_id as matterId,
      electorate_count as count, electorate_area as area, breakdown from vote_items where vote_id = ? order by position`).all(id) as
    { id: string; position: number; title: string; category: number; categoryName: string; threshold: 'majority' | 'three-quarters'; scopeLabel: string; matterId: string | null; count: number; area: number; breakdown: string }[];
  const b = ctx.sqlite.prepare(`select count(*) as returned, coalesce(sum(valid), 0) as valid from ballots where vote_id = ? and superseded_by is null`).get(id) as
    { returned: number; valid: number };
  return {
    id, communityId: row.community_id, communityName: getCommunity(ctx, row.community_id).name, meetingId: row.meeting_id,
    meetingTitle: meeting.title, meetingForm: meeting.form, title: row.title, opens: row.opens, closes: row.closes, status: row.status,
    settings: voteSettingsOf(row), doubleEntry: row.double_entry === 1, differences: row.double_entry === 1 ? differences(ctx, id).length : 0,
    frozenAt: row.frozen_at, freezeReason: row.freeze_reason, closedAt: row.closed_at, closedBy: row.closed_by,
    postedDate: row.posted_date, postingDeadline: postingDeadline(ctx, row),
    items: items.map((i) => ({
      id: i.id, position: i.position, title: i.title, category: i.category, categoryName: i.categoryName, threshold: i.threshold,
      scopeLabel: i.scopeLabel, matterId: i.matterId, electorate: { count: i.count, area: dec(i.area) },
      breakdown: breakdownOut(JSON.parse(i.breakdown) as ElectorateBreakdown),
    })),
    subjects: ctx.sqlite.prepare('select count(*) from vote_subjects where vote_id = ?').pluck().get(id) as number,
    ballots: { returned: b.returned, valid: b.valid, invalid: b.returned - b.valid },
    amendments: ctx.sqlite.prepare('select id, reason, author, at, ballot_id as ballotId from vote_amendments where vote_id = ? order by at').all(id) as VoteDetail['amendments'],
  };
}

export function listVotes(ctx: ServiceContext, communityId: string): z.output<typeof voteListItem>[] {
  const votes = ctx.sqlite.prepare(`select v.id, v.title, v.opens, v.closes, v.status,
      (select count(*) from vote_items i where i.vote_id = v.id) as items,
      (select count(*) from vote_subjects s where s.vote_id = v.id) as subjects,
      (select count(*) from ballots b where b.vote_id = v.id and b.superseded_by is null) as returned
      from votes v where v.community_id = ? order by v.opens desc, v.created_at desc`).all(communityId) as Omit<z.output<typeof voteListItem>, 'outcomes'>[];
  // Every item of the community's votes in one read (vote_items.passed is kept at closing and after each amendment).
  const items = ctx.sqlite.prepare(`select i.vote_id, i.category, i.passed, v.status from vote_items i join votes v on v.id = i.vote_id
    where v.community_id = ? order by i.vote_id, i.position`).raw().all(communityId) as [string, number, number | null, 'open' | 'closed'][];
  const outcomes = new Map<string, z.output<typeof voteListItem>['outcomes']>();
  for (const [voteId, category, passed, status] of items) {
    outcomes.set(voteId, [...(outcomes.get(voteId) ?? []), { category, passed: status === 'closed' && passed !== null ? passed === 1 : null }]);
  }
  return votes.map((v) => ({ ...v, outcomes: outcomes.get(v.id) ?? [] }));
}

/** Scope names as docs/cli.md §7 writes them: 2幢/1单元+3幢. */
function scopeLabel(ctx: ServiceContext, communityId: string, scope: ScopePart[]): string {
  if (scope.length === 0) return '全体业主';
  return scope.map((s) => {
    const b = ctx.sqlite.prepare('select name from buildings where id = ? and community_id = ?').pluck().get(s.buildingId, communityId) as string | undefined;
    if (!b) throw new AppError('VALIDATION', '议题范围中的楼栋不属于本小区');
    if (!s.entranceId) return b;
    const e = ctx.sqlite.prepare('select name from entrances where id = ? and building_id = ?').pluck().get(s.entranceId, s.buildingId) as string | undefined;
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
  for (const r of ctx.sqlite.prepare(`select p.id, p.address, p.sort_key as sortKey, p.building_id as buildingId, p.entrance_id as entranceId,
      b.name as buildingName, coalesce(e.name, '') as entranceName, p.room from parts p join buildings b on b.id = p.building_id
      left join entrances e on e.id = p.entrance_id where p.community_id = ?`).all(communityId) as (PartInfo & { id: string })[]) info.set(r.id, r);
  const names = new Map((ctx.sqlite.prepare('select id, name from persons where community_id = ?').all(communityId) as { id: string; name: string }[]).map((p) => [p.id, p.name]));
  const developer = getCommunity(ctx, communityId).developer || '建设单位';
  const subjects = electorate.subjects
    .map((s) => ({ ...s, partIds: [...s.partIds].sort((a, b) => (info.get(a)!.sortKey < info.get(b)!.sortKey ? -1 : 1)) }))
    .sort((a, b) => (info.get(a.partIds[0]!)!.sortKey < info.get(b.partIds[0]!)!.sortKey ? -1 : 1));
  const width = Math.max(4, String(subjects.length).length);
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

  const items = ctx.sqlite.prepare('select id, scope from vote_items where vote_id = ?').all(voteId) as { id: string; scope: string }[];
  const insertItemSubject = ctx.sqlite.prepare('insert into vote_item_subjects (item_id, subject_id, area) values (?, ?, ?)');
  for (const item of items) {
    const scope = JSON.parse(item.scope) as ScopePart[];
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
    ctx.sqlite.prepare('update vote_items set electorate_count = ?, electorate_area = ?, breakdown = ? where id = ?')
      .run(count, area, JSON.stringify(scoped.breakdown), item.id);
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
    ctx.sqlite.prepare(`insert into meetings (id, community_id, kind, form, title, date, notice_date, status, created_at, updated_at)
      values (?, ?, '业主大会', '书面征求意见', ?, ?, ?, 'planned', ?, ?)`).run(id, input.communityId, input.title, input.closes, input.opens, now, now);
    const insert = ctx.sqlite.prepare('insert into agenda_items (id, meeting_id, position, title, matter_id, for_vote, in_notice) values (?, ?, ?, ?, ?, 1, 1)');
    input.items.forEach((item, i) => insert.run(newId(), id, i + 1, item.title, item.matterId));
    tx.audit({ action: 'create', entity: 'meeting', entityId: id, after: { kind: '业主大会', form: '书面征求意见', title: input.title, date: input.closes, noticeDate: input.opens, createdWithVote: true } });
    return id;
  }
  const m = ctx.sqlite.prepare('select community_id as communityId, kind from meetings where id = ?').get(input.meetingId) as { communityId: string; kind: MeetingKind } | undefined;
  if (!m || m.communityId !== input.communityId) throw AppError.field('VALIDATION', 'meetingId', '所选会议不存在或不属于本小区');
  if (!ASSEMBLY_KINDS.includes(m.kind)) throw AppError.field('VALIDATION', 'meetingId', `业主表决须属于业主大会（或业主代表大会），所选会议为${m.kind}`);
  const noticed = new Set(ctx.sqlite.prepare('select title from agenda_items where meeting_id = ? and in_notice = 1').pluck().all(input.meetingId) as string[]);
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
    const owner = ctx.sqlite.prepare('select community_id from matters where id = ?').pluck().get(item.matterId);
    if (owner !== input.communityId) throw new AppError('VALIDATION', `议题“${item.title}”关联的事项不存在或不属于本小区`);
  }
  const id = newId();
  write(ctx, actor, (tx) => {
    const meetingId = assemblyFor(ctx, tx, input);
    const now = nowIso();
    ctx.sqlite.prepare(`insert into votes (id, community_id, meeting_id, title, opens, closes, status, blank_rule, invalid_participates, count_parking,
        double_entry, frozen_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, input.communityId, meetingId, input.title, input.opens, input.closes, settings.blankRule, settings.invalidParticipates ? 1 : 0,
        community.settings.countParkingInVotes ? 1 : 0, input.doubleEntry ? 1 : 0, now, now, now);
    const insert = ctx.sqlite.prepare(`insert into vote_items (id, vote_id, position, title, category, category_name, threshold, scope, scope_label, matter_id,
      electorate_count, electorate_area) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`);
    input.items.forEach((item, i) => insert.run(newId(), id, i + 1, item.title, item.category, categories[i]!.name, categories[i]!.threshold,
      JSON.stringify(item.scope), labels[i], item.matterId));
    freeze(ctx, id, input.communityId, community.settings.countParkingInVotes);
    tx.audit({ action: 'create', entity: 'vote', entityId: id, after: { ...input, settings } });
  });
  return getVote(ctx, id);
}

/** Freeze the electorate again from today's register (before the first ballot only). */
export function refreezeVote(ctx: ServiceContext, actor: Actor, input: { id: string; reason: string }): VoteDetail {
  const row = voteRow(ctx, input.id);
  if (row.status === 'closed') throw new AppError('REFUSED', '表决已结束，不能重新确定表决权人');
  const ballots = ctx.sqlite.prepare('select (select count(*) from ballots where vote_id = ?) + (select count(*) from ballot_checks where vote_id = ?)')
    .pluck().get(input.id, input.id) as number;
  if (ballots > 0) throw new AppError('REFUSED', `已录入${ballots}张表决票（含复核录入），表决权人已锁定，不能重新确定`);
  const before = getVote(ctx, input.id).items.map((i) => ({ title: i.title, electorate: i.electorate }));
  const community = getCommunity(ctx, row.community_id);
  write(ctx, actor, (tx) => {
    ctx.sqlite.prepare('delete from vote_item_subjects where item_id in (select id from vote_items where vote_id = ?)').run(input.id);
    ctx.sqlite.prepare('delete from vote_subject_parts where vote_id = ?').run(input.id);
    ctx.sqlite.prepare('delete from vote_subjects where vote_id = ?').run(input.id);
    ctx.sqlite.prepare('update votes set frozen_at = ?, freeze_reason = ?, count_parking = ?, updated_at = ? where id = ?')
      .run(nowIso(), input.reason, community.settings.countParkingInVotes ? 1 : 0, nowIso(), input.id);
    freeze(ctx, input.id, row.community_id, community.settings.countParkingInVotes);
    tx.audit({ action: 'refreeze', entity: 'vote', entityId: input.id, before, after: { reason: input.reason, items: getVote(ctx, input.id).items.map((i) => ({ title: i.title, electorate: i.electorate })) } });
  });
  return getVote(ctx, input.id);
}

/** Subjects with their in-scope items and current ballot: the entry screen's lookup and the ballot list. */
export function voteSubjects(
  ctx: ServiceContext, q: { voteId: string; search: string; state: 'all' | 'returned' | 'not-returned'; offset: number; limit: number },
): z.output<typeof subjectPage> {
  voteRow(ctx, q.voteId);
  const where = ['s.vote_id = ?'];
  const args: unknown[] = [q.voteId];
  if (q.search !== '') {
    const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`(s.code = ? or s.addresses like ? escape '\\' or s.label like ? escape '\\'
      or exists (select 1 from vote_subject_parts vp where vp.subject_id = s.id and vp.room = ?))`);
    args.push(q.search, like, like, q.search);
  }
  if (q.state !== 'all') where.push(`${q.state === 'returned' ? '' : 'not '}exists (select 1 from ballots b where b.subject_id = s.id and b.superseded_by is null)`);
  // An exact code first, then address order (codes follow it).
  const order = 'order by (s.code = ?) desc, s.code';
  const total = ctx.sqlite.prepare(`select count(*) from vote_subjects s where ${where.join(' and ')}`).pluck().get(...args) as number;
  const rows = ctx.sqlite.prepare(`select s.id, s.code, s.label, s.addresses, s.area, s.kind from vote_subjects s where ${where.join(' and ')} ${order} limit ? offset ?`)
    .all(...args, q.search, q.limit, q.offset) as { id: string; code: string; label: string; addresses: string; area: number; kind: string }[];
  const itemsOf = ctx.sqlite.prepare('select vis.item_id as itemId, vis.area from vote_item_subjects vis join vote_items i on i.id = vis.item_id where vis.subject_id = ? order by i.position');
  const ballotOf = ctx.sqlite.prepare(`select id, valid, invalid_reason as invalidReason, channel, proxy_holder as proxyHolder, proxy_document as proxyDocument, note, entered_by as enteredBy, entered_at as enteredAt
    from ballots where subject_id = ? and superseded_by is null`);
  const choicesOf = ctx.sqlite.prepare('select c.item_id as itemId, c.choice from ballot_choices c join vote_items i on i.id = c.item_id where c.ballot_id = ? order by i.position');
  return {
    total,
    rows: rows.map((r) => {
      const b = ballotOf.get(r.id) as { id: string; valid: number; invalidReason: string; channel: string; proxyHolder: string; proxyDocument: string; note: string; enteredBy: string; enteredAt: string } | undefined;
      return {
        id: r.id, code: r.code, label: r.label, addresses: r.addresses, area: dec(r.area), kind: r.kind,
        items: (itemsOf.all(r.id) as { itemId: string; area: number }[]).map((i) => ({ itemId: i.itemId, area: dec(i.area) })),
        // The proxy's authorisation is opened for the ballot screens, which correct a ballot from it.
        ballot: b ? {
          ...b, valid: b.valid === 1, proxyDocument: openProxyDocument(ctx.keys, b.id, b.proxyDocument),
          choices: choicesOf.all(b.id) as { itemId: string; choice: 'yes' | 'no' | 'abstain' | 'blank' }[],
        } : null,
      };
    }),
  };
}

/** The result notice's list: every part of a subject with its choice per item — address and area, never names. */
export function resultPartsOf(ctx: ServiceContext, voteId: string): z.output<typeof resultParts> {
  voteRow(ctx, voteId);
  const items = ctx.sqlite.prepare('select id from vote_items where vote_id = ? order by position').pluck().all(voteId) as string[];
  const rows = ctx.sqlite.prepare(`select vp.subject_id as subjectId, vp.part_id as partId, vp.address, vp.area from vote_subject_parts vp
    where vp.vote_id = ? order by vp.sort_key`).all(voteId) as { subjectId: string; partId: string; address: string; area: number }[];
  const ballots = new Map((ctx.sqlite.prepare('select subject_id as subjectId, id, valid from ballots where vote_id = ? and superseded_by is null').all(voteId) as
    { subjectId: string; id: string; valid: number }[]).map((b) => [b.subjectId, b]));
  const choices = new Map<string, string>();
  for (const c of ctx.sqlite.prepare('select ballot_id as ballotId, item_id as itemId, choice from ballot_choices where vote_id = ? and current = 1').all(voteId) as
    { ballotId: string; itemId: string; choice: string }[]) choices.set(`${c.ballotId}/${c.itemId}`, c.choice);
  // A part outside an item's scope has no say in it: scope by the part's building and entrance as frozen.
  const inScope = new Set((ctx.sqlite.prepare(`select i.id || '/' || vp.part_id from vote_items i join vote_subject_parts vp on vp.vote_id = i.vote_id
      where i.vote_id = ? and (i.scope = '[]' or exists (
        select 1 from json_each(i.scope) s where json_extract(s.value, '$.buildingId') = vp.building_id
          and (json_extract(s.value, '$.entranceId') is null or json_extract(s.value, '$.entranceId') = vp.entrance_id)))`).pluck().all(voteId) as string[]));
  return {
    rows: rows.map((r) => {
      const b = ballots.get(r.subjectId);
      return {
        address: r.address, area: dec(r.area),
        choices: items.map((itemId) => {
          if (!inScope.has(`${itemId}/${r.partId}`)) return 'none' as const;
          if (!b) return 'none' as const;
          if (b.valid !== 1) return 'invalid' as const;
          return (choices.get(`${b.id}/${itemId}`) ?? 'blank') as 'yes' | 'no' | 'abstain' | 'blank';
        }),
      };
    }),
  };
}

export function postVoteResult(ctx: ServiceContext, actor: Actor, input: { id: string; postedDate: string }): VoteDetail {
  const row = voteRow(ctx, input.id);
  if (row.status !== 'closed') throw new AppError('REFUSED', '表决尚未结束，不能公告结果');
  write(ctx, actor, (tx) => {
    ctx.sqlite.prepare('update votes set posted_date = ?, updated_at = ? where id = ?').run(input.postedDate, nowIso(), input.id);
    tx.audit({ action: 'post-result', entity: 'vote', entityId: input.id, before: { postedDate: row.posted_date }, after: { postedDate: input.postedDate } });
  });
  return getVote(ctx, input.id);
}
