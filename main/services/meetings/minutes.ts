/**
 * Minutes: a draft is edited in place; approval locks it for good. A
 * correction is a new version that copies the approved text, records why,
 * and is approved in its turn — the old version stays, and the difference
 * between any two versions can be shown. The newest version is what search
 * finds; the newest approved version's action items are the ones tracked.
 */
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import type { actionRow, minutesContent as minutesContentSchema, minutesVersion } from '../../../shared/contract/meetings';
import { addDays } from '../../../shared/domain/dates';
import { diffLines, minutesText, type MinutesContent } from '../../../shared/domain/minutes';
import { nowIso, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { write, type Actor, type ServiceContext } from '../context';
import { indexDocument } from '../system/search-index';

type MinutesVersion = z.output<typeof minutesVersion>;
type ActionRow = z.output<typeof actionRow>;

interface MinutesRow {
  id: string; meeting_id: string; version: number; status: 'draft' | 'approved'; content: string; supersedes_id: string | null;
  correction_reason: string; approved_at: string | null; approved_by: string | null; created_at: string; created_by: string;
}

function toVersion(r: MinutesRow): MinutesVersion {
  const content = JSON.parse(r.content) as MinutesContent;
  return {
    id: r.id, meetingId: r.meeting_id, version: r.version, status: r.status, content, text: minutesText(content),
    supersedesId: r.supersedes_id, correctionReason: r.correction_reason, approvedAt: r.approved_at, approvedBy: r.approved_by,
    createdAt: r.created_at, createdBy: r.created_by,
  };
}

function minutesRow(ctx: ServiceContext, id: string): MinutesRow {
  const row = ctx.sqlite.prepare('select * from minutes where id = ?').get(id) as MinutesRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这份会议纪要');
  return row;
}

export function getMinutes(ctx: ServiceContext, id: string): MinutesVersion {
  return toVersion(minutesRow(ctx, id));
}

export function listMinutes(ctx: ServiceContext, meetingId: string): MinutesVersion[] {
  return (ctx.sqlite.prepare('select * from minutes where meeting_id = ? order by version').all(meetingId) as MinutesRow[]).map(toVersion);
}

function meetingOf(ctx: ServiceContext, meetingId: string) {
  const m = ctx.sqlite.prepare('select id, community_id as communityId, title, date from meetings where id = ?').get(meetingId) as
    { id: string; communityId: string; title: string; date: string } | undefined;
  if (!m) throw new AppError('NOT_FOUND', '找不到这个会议，可能已被删除');
  return m;
}

/** The search entry of a meeting's minutes: its newest version (one entry per meeting). */
function indexMinutes(ctx: ServiceContext, meetingId: string): void {
  const m = meetingOf(ctx, meetingId);
  const newest = ctx.sqlite.prepare('select * from minutes where meeting_id = ? order by version desc limit 1').get(meetingId) as MinutesRow | undefined;
  if (!newest) return;
  indexDocument(ctx.sqlite, { communityId: m.communityId, type: 'minutes', id: newest.meeting_id, title: `${m.date} ${m.title}会议纪要`, body: toVersion(newest).text });
}

/** Create the first draft, or change the current draft. An approved version cannot be changed. */
export function saveDraft(ctx: ServiceContext, actor: Actor, input: { meetingId: string; content: z.output<typeof minutesContentSchema> }): MinutesVersion {
  meetingOf(ctx, input.meetingId);
  const newest = ctx.sqlite.prepare('select * from minutes where meeting_id = ? order by version desc limit 1').get(input.meetingId) as MinutesRow | undefined;
  if (newest?.status === 'approved') {
    throw new AppError('REFUSED', `第${newest.version}版纪要已批准，不能再修改；如需更正，请新建更正版本并写明理由`);
  }
  const content = JSON.stringify(input.content);
  const id = newest?.id ?? newId();
  write(ctx, actor, (tx) => {
    const now = nowIso();
    if (newest) {
      ctx.sqlite.prepare('update minutes set content = ?, updated_at = ? where id = ?').run(content, now, id);
    } else {
      ctx.sqlite.prepare(`insert into minutes (id, meeting_id, version, status, content, created_by, created_at, updated_at)
        values (?, ?, 1, 'draft', ?, ?, ?, ?)`).run(id, input.meetingId, content, actor.author, now, now);
    }
    tx.audit({ action: newest ? 'update' : 'create', entity: 'minutes', entityId: id, before: newest ? JSON.parse(newest.content) : null, after: input.content });
    indexMinutes(ctx, input.meetingId);
  });
  return getMinutes(ctx, id);
}

export function approveMinutes(ctx: ServiceContext, actor: Actor, id: string, today = todayInOffice()): MinutesVersion {
  const row = minutesRow(ctx, id);
  if (row.status === 'approved') throw new AppError('REFUSED', `第${row.version}版纪要已于 ${row.approved_at?.slice(0, 10) ?? ''} 批准`);
  const content = JSON.parse(row.content) as MinutesContent;
  if (content.items.length === 0) throw new AppError('REFUSED', '纪要还没有任何议题内容，不能批准');
  const m = meetingOf(ctx, row.meeting_id);
  if (m.date > today) throw new AppError('REFUSED', `会议日期 ${m.date} 尚未到，不能批准纪要`);
  write(ctx, actor, (tx) => {
    ctx.sqlite.prepare("update minutes set status = 'approved', approved_at = ?, approved_by = ?, updated_at = ? where id = ?")
      .run(nowIso(), actor.author, nowIso(), id);
    replaceActionItems(ctx, m.communityId, row, content);
    tx.audit({ action: 'approve', entity: 'minutes', entityId: id, after: { version: row.version } });
  });
  return getMinutes(ctx, id);
}

/**
 * The approved version's action items become the tracked ones; those of the
 * version it corrects stop being current. An item that stays the same (same
 * text and party) keeps its completion date.
 */
function replaceActionItems(ctx: ServiceContext, communityId: string, row: MinutesRow, content: MinutesContent): void {
  const previous = ctx.sqlite.prepare('select text, party, done_date as doneDate from action_items where meeting_id = ? and current = 1')
    .all(row.meeting_id) as { text: string; party: string; doneDate: string | null }[];
  ctx.sqlite.prepare('update action_items set current = 0 where meeting_id = ?').run(row.meeting_id);
  const insert = ctx.sqlite.prepare(`insert into action_items (id, community_id, meeting_id, minutes_id, text, party, person, due, done_date, current)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
  for (const a of content.actions) {
    const done = previous.find((p) => p.text === a.text && p.party === a.party)?.doneDate ?? null;
    insert.run(newId(), communityId, row.meeting_id, row.id, a.text, a.party, a.person, a.due, done);
  }
}

/** Start a correction of an approved version: a new draft with the same content and the reason. */
export function correctMinutes(ctx: ServiceContext, actor: Actor, input: { id: string; reason: string }): MinutesVersion {
  const row = minutesRow(ctx, input.id);
  if (row.status !== 'approved') throw new AppError('REFUSED', '草稿可以直接修改，不需要更正版本');
  const newest = ctx.sqlite.prepare('select id, version, status from minutes where meeting_id = ? order by version desc limit 1').get(row.meeting_id) as
    { id: string; version: number; status: string };
  if (newest.id !== row.id) throw new AppError('REFUSED', `已有更新的第${newest.version}版纪要，请在最新版本上更正`);
  const id = newId();
  write(ctx, actor, (tx) => {
    const now = nowIso();
    ctx.sqlite.prepare(`insert into minutes (id, meeting_id, version, status, content, supersedes_id, correction_reason, created_by, created_at, updated_at)
      values (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?)`).run(id, row.meeting_id, row.version + 1, row.content, row.id, input.reason, actor.author, now, now);
    tx.audit({ action: 'correct', entity: 'minutes', entityId: id, after: { supersedes: row.id, version: row.version + 1, reason: input.reason } });
    indexMinutes(ctx, row.meeting_id);
  });
  return getMinutes(ctx, id);
}

export function diffMinutes(ctx: ServiceContext, fromId: string, toId: string) {
  const from = getMinutes(ctx, fromId);
  const to = getMinutes(ctx, toId);
  if (from.meetingId !== to.meetingId) throw new AppError('VALIDATION', '只能比较同一会议的纪要版本');
  return { lines: diffLines(from.text, to.text) };
}

/** Action items within this many days of their due date are "due soon". */
const DUE_SOON_DAYS = 7;

function actionState(due: string, doneDate: string | null, today: string): ActionRow['state'] {
  if (doneDate !== null) return 'done';
  if (due === '') return 'open';
  if (due < today) return 'overdue';
  return due <= addDays(today, DUE_SOON_DAYS) ? 'due-soon' : 'open';
}

export function listActions(ctx: ServiceContext, q: { communityId: string; filter: 'open' | 'overdue' | 'all' }, today = todayInOffice()): ActionRow[] {
  const rows = ctx.sqlite.prepare(`select a.id, a.meeting_id as meetingId, m.title as meetingTitle, m.date as meetingDate, a.text, a.party, a.person,
      a.due, a.done_date as doneDate from action_items a join meetings m on m.id = a.meeting_id
      where a.community_id = ? and a.current = 1 order by a.due = '', a.due, m.date`)
    .all(q.communityId) as Omit<ActionRow, 'state'>[];
  return rows
    .map((r) => ({ ...r, state: actionState(r.due, r.doneDate, today) }))
    .filter((r) => q.filter === 'all' || (q.filter === 'open' ? r.state !== 'done' : r.state === 'overdue'));
}

export function completeAction(ctx: ServiceContext, actor: Actor, input: { id: string; date: string }, today = todayInOffice()): ActionRow {
  const row = ctx.sqlite.prepare('select community_id as communityId, done_date as doneDate, current from action_items where id = ?').get(input.id) as
    { communityId: string; doneDate: string | null; current: number } | undefined;
  if (!row || row.current !== 1) throw new AppError('NOT_FOUND', '找不到这个待办事项，纪要可能已更正');
  if (input.date > today) throw new AppError('VALIDATION', `完成日期 ${input.date} 不能晚于今天`);
  write(ctx, actor, (tx) => {
    ctx.sqlite.prepare('update action_items set done_date = ? where id = ?').run(input.date, input.id);
    tx.audit({ action: 'complete', entity: 'action_item', entityId: input.id, before: { doneDate: row.doneDate }, after: { doneDate: input.date } });
  });
  return listActions(ctx, { communityId: row.communityId, filter: 'all' }, today).find((r) => r.id === input.id)!;
}
