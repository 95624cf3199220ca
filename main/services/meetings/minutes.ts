/**
 * Minutes: a draft is edited in place; approval locks it for good. A
 * correction is a new version that copies the approved text, records why,
 * and is approved in its turn — the old version stays, and the difference
 * between any two versions can be shown. The newest version is what search
 * finds; the newest approved version's action items are the ones tracked.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import { minutesVersion, type actionRow, type minutesContent as minutesContentSchema } from '../../../shared/contract/meetings';
import { addDays } from '../../../shared/domain/dates';
import { diffLines, minutesText, minutesTitle, type MinutesContent } from '../../../shared/domain/minutes';
import { nowIso, officeDayOf, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { actionItems, meetings, minutes } from '../../db/schema/meetings';
import { write, type Actor, type ServiceContext } from '../context';
import { indexDocument } from '../system/search-index';
import { refuseStale } from '../record-revisions';

type MinutesVersion = z.output<typeof minutesVersion>;
type ActionRow = z.output<typeof actionRow>;

type MinutesRow = typeof minutes.$inferSelect;

function toVersion(r: MinutesRow): MinutesVersion {
  const content = JSON.parse(r.content) as MinutesContent;
  return {
    id: r.id, meetingId: r.meetingId, version: r.version, status: minutesVersion.shape.status.parse(r.status), content, text: minutesText(content),
    supersedesId: r.supersedesId, correctionReason: r.correctionReason, approvedAt: r.approvedAt, approvedBy: r.approvedBy,
    createdAt: r.createdAt, createdBy: r.createdBy, revision: r.revision,
  };
}

function minutesRow(ctx: ServiceContext, id: string): MinutesRow {
  const row = ctx.db.select().from(minutes).where(eq(minutes.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到这份会议纪要');
  return row;
}

export function getMinutes(ctx: ServiceContext, id: string): MinutesVersion {
  return toVersion(minutesRow(ctx, id));
}

export function listMinutes(ctx: ServiceContext, meetingId: string): MinutesVersion[] {
  return ctx.db.select().from(minutes).where(eq(minutes.meetingId, meetingId)).orderBy(minutes.version).all().map(toVersion);
}

function newestMinutes(ctx: ServiceContext, meetingId: string): MinutesRow | undefined {
  return ctx.db.select().from(minutes).where(eq(minutes.meetingId, meetingId)).orderBy(desc(minutes.version)).limit(1).get();
}

function meetingOf(ctx: ServiceContext, meetingId: string) {
  const m = ctx.db.select({ id: meetings.id, communityId: meetings.communityId, title: meetings.title, date: meetings.date })
    .from(meetings).where(eq(meetings.id, meetingId)).get();
  if (!m) throw new AppError('NOT_FOUND', '找不到这个会议，可能已被删除');
  return m;
}

/** The search entry of a meeting's minutes: its newest version (one entry per meeting). */
function indexMinutes(ctx: ServiceContext, meetingId: string): void {
  const m = meetingOf(ctx, meetingId);
  const newest = newestMinutes(ctx, meetingId);
  if (!newest) return;
  indexDocument(ctx.sqlite, { communityId: m.communityId, type: 'minutes', id: newest.meetingId, title: `${m.date} ${minutesTitle(m.title)}`, body: toVersion(newest).text });
}

/** Create the first draft, or change the current draft. An approved version cannot be changed. */
export function saveDraft(
  ctx: ServiceContext, actor: Actor, input: { meetingId: string; content: z.output<typeof minutesContentSchema>; expectedRevision?: number | undefined },
): MinutesVersion {
  meetingOf(ctx, input.meetingId);
  const content = JSON.stringify(input.content);
  const id = write(ctx, actor, (tx) => {
    // Read inside the write: a draft another PC started or changed since the editor opened is seen here.
    const newest = newestMinutes(ctx, input.meetingId);
    if (newest?.status === 'approved') {
      throw new AppError('REFUSED', `第${newest.version}版纪要已批准，不能再修改；如需更正，请新建更正版本并写明理由`);
    }
    // 0: the editor opened on no draft, so one started since by someone else (revision 1 or more) is refused too.
    if (newest) refuseStale(ctx, 'minutes', newest, input.expectedRevision);
    const id = newest?.id ?? newId();
    const now = nowIso();
    if (newest) {
      ctx.db.update(minutes).set({ content, updatedAt: now }).where(eq(minutes.id, id)).run();
    } else {
      ctx.db.insert(minutes).values({ id, meetingId: input.meetingId, version: 1, status: 'draft', content, createdBy: actor.author, createdAt: now, updatedAt: now }).run();
    }
    tx.audit({ action: newest ? 'update' : 'create', entity: 'minutes', entityId: id, before: newest ? JSON.parse(newest.content) : null, after: input.content });
    indexMinutes(ctx, input.meetingId);
    return id;
  });
  return getMinutes(ctx, id);
}

export function approveMinutes(ctx: ServiceContext, actor: Actor, id: string, today = todayInOffice()): MinutesVersion {
  const row = minutesRow(ctx, id);
  if (row.status === 'approved') throw new AppError('REFUSED', `第${row.version}版纪要已于 ${row.approvedAt ? officeDayOf(row.approvedAt) : ''} 批准`);
  const content = JSON.parse(row.content) as MinutesContent;
  if (content.items.length === 0) throw new AppError('REFUSED', '纪要还没有任何议题内容，不能批准');
  const m = meetingOf(ctx, row.meetingId);
  if (m.date > today) throw new AppError('REFUSED', `会议日期 ${m.date} 尚未到，不能批准纪要`);
  write(ctx, actor, (tx) => {
    ctx.db.update(minutes).set({ status: 'approved', approvedAt: nowIso(), approvedBy: actor.author, updatedAt: nowIso() }).where(eq(minutes.id, id)).run();
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
  const previous = ctx.db.select({ text: actionItems.text, party: actionItems.party, doneDate: actionItems.doneDate }).from(actionItems)
    .where(and(eq(actionItems.meetingId, row.meetingId), eq(actionItems.current, true))).all();
  ctx.db.update(actionItems).set({ current: false }).where(eq(actionItems.meetingId, row.meetingId)).run();
  for (const a of content.actions) {
    const done = previous.find((p) => p.text === a.text && p.party === a.party)?.doneDate ?? null;
    ctx.db.insert(actionItems).values({
      id: newId(), communityId, meetingId: row.meetingId, minutesId: row.id, text: a.text, party: a.party, person: a.person, due: a.due, doneDate: done, current: true,
    }).run();
  }
}

/** Start a correction of an approved version: a new draft with the same content and the reason. */
export function correctMinutes(ctx: ServiceContext, actor: Actor, input: { id: string; reason: string }): MinutesVersion {
  const row = minutesRow(ctx, input.id);
  if (row.status !== 'approved') throw new AppError('REFUSED', '草稿可以直接修改，不需要更正版本');
  // The row itself is one of the meeting's versions, so there is a newest.
  const newest = ctx.db.select({ id: minutes.id, version: minutes.version, status: minutes.status }).from(minutes)
    .where(eq(minutes.meetingId, row.meetingId)).orderBy(desc(minutes.version)).limit(1).get() ?? row;
  if (newest.id !== row.id) throw new AppError('REFUSED', `已有更新的第${newest.version}版纪要，请在最新版本上更正`);
  const id = newId();
  write(ctx, actor, (tx) => {
    const now = nowIso();
    ctx.db.insert(minutes).values({
      id, meetingId: row.meetingId, version: row.version + 1, status: 'draft', content: row.content, supersedesId: row.id, correctionReason: input.reason,
      createdBy: actor.author, createdAt: now, updatedAt: now,
    }).run();
    tx.audit({ action: 'correct', entity: 'minutes', entityId: id, after: { supersedes: row.id, version: row.version + 1, reason: input.reason } });
    indexMinutes(ctx, row.meetingId);
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
  const rows = ctx.db.select({
    id: actionItems.id, meetingId: actionItems.meetingId, meetingTitle: meetings.title, meetingDate: meetings.date, text: actionItems.text,
    party: actionItems.party, person: actionItems.person, due: actionItems.due, doneDate: actionItems.doneDate,
  }).from(actionItems).innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .where(and(eq(actionItems.communityId, q.communityId), eq(actionItems.current, true)))
    .orderBy(sql`${actionItems.due} = ''`, actionItems.due, meetings.date).all();
  return rows
    .map((r) => ({ ...r, state: actionState(r.due, r.doneDate, today) }))
    .filter((r) => q.filter === 'all' || (q.filter === 'open' ? r.state !== 'done' : r.state === 'overdue'));
}

export function completeAction(ctx: ServiceContext, actor: Actor, input: { id: string; date: string }, today = todayInOffice()): ActionRow {
  const row = ctx.db.select({ communityId: actionItems.communityId, doneDate: actionItems.doneDate, current: actionItems.current })
    .from(actionItems).where(eq(actionItems.id, input.id)).get();
  if (!row || !row.current) throw new AppError('NOT_FOUND', '找不到这个待办事项，纪要可能已更正');
  if (input.date > today) throw new AppError('VALIDATION', `完成日期 ${input.date} 不能晚于今天`);
  write(ctx, actor, (tx) => {
    ctx.db.update(actionItems).set({ doneDate: input.date }).where(eq(actionItems.id, input.id)).run();
    tx.audit({ action: 'complete', entity: 'action_item', entityId: input.id, before: { doneDate: row.doneDate }, after: { doneDate: input.date } });
  });
  return listActions(ctx, { communityId: row.communityId, filter: 'all' }, today).find((r) => r.id === input.id)!;
}
