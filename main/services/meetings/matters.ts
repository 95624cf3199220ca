/**
 * Matters (事项) carried through their workflow: each step recorded once, in
 * order, with its date, meeting, posting period or filing body (rules in
 * shared/domain/workflow.ts). A recorded step is not edited; the matter's
 * description may be. Matters are indexed for full-text search.
 */
import { and, desc, eq, getTableColumns, isNotNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, inputProblems } from '../../../shared/contract/errors';
import {
  matterCategory, type advanceInput, type matterDecision, type matterDetail, type matterFields, type matterListItem, type matterUpdate,
} from '../../../shared/contract/meetings';
import { thresholdSentences } from '../../../shared/domain/tally-words';
import { boardPosition, checkAdvance, nextStep, voteStepOf, type StepRecord } from '../../../shared/domain/workflow';
import { nowIso, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { agendaItems, matters, meetings } from '../../db/schema/meetings';
import { matterSteps } from '../../db/schema/meetings-steps';
import { voteItems, votes } from '../../db/schema/votes';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext, type WriteScope } from '../context';
import { indexDocument } from '../system/search-index';
import { tallyVote } from '../votes/vote-tally';
import { getMeeting } from './meetings';
import { defaultWorkflow, getWorkflow, type StoredWorkflow } from './workflows';
import { refuseStale } from '../record-revisions';

type MatterDetail = z.output<typeof matterDetail>;
type AdvanceInput = z.output<typeof advanceInput>;

type MatterRow = typeof matters.$inferSelect;
type StepRow = ReturnType<typeof stepRows>[number];

function matterRow(ctx: ServiceContext, id: string): MatterRow {
  const row = ctx.db.select().from(matters).where(eq(matters.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到这个事项，可能已被删除');
  return row;
}

function stepRows(ctx: ServiceContext, matterId: string) {
  return ctx.db.select({ ...getTableColumns(matterSteps), meetingTitle: meetings.title })
    .from(matterSteps).leftJoin(meetings, eq(meetings.id, matterSteps.meetingId))
    .where(eq(matterSteps.matterId, matterId)).orderBy(matterSteps.date, matterSteps.recordedAt).all();
}

const records = (rows: StepRow[]): StepRecord[] => rows.map((r) => ({ key: r.stepKey, date: r.date, skipped: r.skipped }));

function position(wf: StoredWorkflow, rows: StepRow[], raisedOn: string, today: string) {
  const p = boardPosition(wf, records(rows), raisedOn, today);
  return { currentKey: p.current?.key ?? null, currentName: p.current?.name ?? null, waitingSince: p.waitingSince, waitingDays: p.waitingDays, overdue: p.overdue };
}

export function getMatter(ctx: ServiceContext, id: string, today = todayInOffice()): MatterDetail {
  const row = matterRow(ctx, id);
  const wf = getWorkflow(ctx, row.workflowId);
  const rows = stepRows(ctx, id);
  const byKey = new Map(rows.map((r) => [r.stepKey, r]));
  const pos = position(wf, rows, row.raisedOn, today);
  return {
    id: row.id, communityId: row.communityId, communityName: getCommunity(ctx, row.communityId).name, title: row.title,
    category: matterCategory.parse(row.category), description: row.description, raisedBy: row.raisedBy, raisedOn: row.raisedOn, revision: row.revision,
    workflow: { id: wf.id, name: wf.name, version: wf.version },
    steps: wf.steps.map((s) => {
      const r = byKey.get(s.key);
      return {
        ...s, done: r !== undefined, skipped: r?.skipped === true, date: r?.date ?? null, meetingId: r?.meetingId ?? null,
        meetingTitle: r?.meetingTitle ?? null, voteId: r?.voteId ?? null, postingStart: r?.postingStart ?? null, postingEnd: r?.postingEnd ?? null,
        filingBody: r?.filingBody ?? null, noticeText: r?.noticeText ?? '', document: r?.document ?? '', note: r?.note ?? '',
        skipReason: r?.skipReason ?? null, recordedBy: r?.recordedBy ?? null, recordedAt: r?.recordedAt ?? null,
      };
    }),
    position: pos,
    done: pos.currentKey === null,
    pendingVote: pendingVote(ctx, row, wf, rows),
    decision: decisionOf(ctx, id),
  };
}

/**
 * What decided the matter (its 决议公告 is drafted from it): the newest closed vote with items linked to the matter,
 * its outcome and shares as the vote's own tally computes them (not counted again here); else the newest meeting
 * whose agenda items linked to the matter have recorded votes, passed by the meeting's own rule.
 */
function decisionOf(ctx: ServiceContext, matterId: string): z.output<typeof matterDecision> | null {
  const vote = ctx.db.select({ id: votes.id, title: votes.title, closedAt: votes.closedAt }).from(voteItems).innerJoin(votes, eq(votes.id, voteItems.voteId))
    .where(and(eq(voteItems.matterId, matterId), eq(votes.status, 'closed'))).groupBy(votes.id).orderBy(desc(votes.closedAt)).limit(1).get();
  if (vote) {
    const linked = new Set(ctx.db.select({ id: voteItems.id }).from(voteItems)
      .where(and(eq(voteItems.voteId, vote.id), eq(voteItems.matterId, matterId))).all().map((i) => i.id));
    const items = tallyVote(ctx, vote.id).items.filter((i) => linked.has(i.itemId)).map((i) => ({
      title: i.title, passed: i.passed, threshold: i.threshold, ...thresholdSentences(i.comparisons, i.threshold),
    }));
    return { kind: 'vote', voteId: vote.id, title: vote.title, closedOn: todayInOffice('Asia/Shanghai', new Date(vote.closedAt ?? 0)), items };
  }
  const meeting = ctx.db.select({ id: meetings.id }).from(agendaItems).innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(eq(agendaItems.matterId, matterId), isNotNull(agendaItems.yesVotes))).orderBy(desc(meetings.date)).limit(1).get();
  if (!meeting) return null;
  const m = getMeeting(ctx, meeting.id);
  const items = m.agenda.filter((a) => a.matterId === matterId && a.yesVotes !== null && a.passed !== null)
    .map((a) => ({ title: a.title, yes: a.yesVotes!, passed: a.passed! }));
  if (items.length === 0) return null;
  return { kind: 'meeting', meetingId: m.id, title: m.title, meetingKind: m.kind, date: m.date, membersTotal: m.membersTotal, items };
}

/** A closed vote that decided this matter, while earlier steps keep its resolution step waiting. */
/** The newest closed vote that decided this matter, if every item of it that concerns the matter passed. */
function closedVoteOf(ctx: ServiceContext, matterId: string) {
  const vote = ctx.db.select({
    id: votes.id, title: votes.title, meetingId: votes.meetingId, closedAt: votes.closedAt,
    passed: sql<number>`min(coalesce(${voteItems.passed}, 0))`,
  }).from(voteItems).innerJoin(votes, eq(votes.id, voteItems.voteId))
    .where(and(eq(voteItems.matterId, matterId), eq(votes.status, 'closed')))
    .groupBy(votes.id).orderBy(desc(votes.closedAt)).limit(1).get();
  if (!vote || vote.passed !== 1) return undefined;
  // The closing day in the office's time zone, not UTC's. A closed vote has its closed_at (0: what a null always gave).
  return { ...vote, closedAt: todayInOffice('Asia/Shanghai', new Date(vote.closedAt ?? 0)) };
}

function pendingVote(ctx: ServiceContext, row: MatterRow, wf: StoredWorkflow, rows: StepRow[]) {
  const step = voteStepOf(wf);
  if (!step || rows.some((r) => r.stepKey === step.key)) return null;
  const vote = closedVoteOf(ctx, row.id);
  if (!vote) return null;
  const done = new Set(rows.map((r) => r.stepKey));
  const before = wf.steps.slice(0, wf.steps.findIndex((s) => s.key === step.key));
  return { voteId: vote.id, voteTitle: vote.title, closedAt: vote.closedAt, stepName: step.name, missing: before.filter((s) => !done.has(s.key)).map((s) => s.name) };
}

/**
 * Record the resolution step from a closed vote when it is the matter's next
 * step (inside a write): at closing, and again after each step recorded later.
 */
export function recordPendingVoteStep(ctx: ServiceContext, tx: WriteScope, actor: Actor, matterId: string, today: string): void {
  const row = matterRow(ctx, matterId);
  const wf = getWorkflow(ctx, row.workflowId);
  const step = voteStepOf(wf);
  const rows = stepRows(ctx, matterId);
  if (!step || nextStep(wf, records(rows))?.key !== step.key) return;
  const vote = closedVoteOf(ctx, matterId);
  if (!vote) return;
  const outcome = ctx.db.select({ title: voteItems.title }).from(voteItems)
    .where(and(eq(voteItems.voteId, vote.id), eq(voteItems.matterId, matterId))).orderBy(voteItems.position).all().map((i) => i.title);
  const last = rows.reduce((d, r) => (r.date > d ? r.date : d), vote.closedAt ?? today);
  ctx.db.insert(matterSteps).values({
    id: newId(), matterId, stepKey: step.key, date: last, skipped: false, meetingId: vote.meetingId, voteId: vote.id,
    note: `业主表决“${vote.title}”已结束（议题：${outcome.join('、')}），结果见表决结果公告`, recordedBy: actor.author, recordedAt: nowIso(),
  }).run();
  tx.audit({ action: 'advance', entity: 'matter', entityId: matterId, after: { step: step.key, voteId: vote.id, date: last } });
}

export function listMatters(ctx: ServiceContext, communityId: string, today = todayInOffice()): z.output<typeof matterListItem>[] {
  const rows = ctx.db.select().from(matters).where(eq(matters.communityId, communityId)).orderBy(desc(matters.raisedOn), desc(matters.createdAt)).all();
  const steps = ctx.db.select({ matterId: matterSteps.matterId, stepKey: matterSteps.stepKey, date: matterSteps.date, skipped: matterSteps.skipped })
    .from(matterSteps).innerJoin(matters, eq(matters.id, matterSteps.matterId)).where(eq(matters.communityId, communityId)).all();
  const byMatter = new Map<string, StepRecord[]>();
  for (const s of steps) {
    const list = byMatter.get(s.matterId) ?? [];
    list.push({ key: s.stepKey, date: s.date, skipped: s.skipped });
    byMatter.set(s.matterId, list);
  }
  const workflows = new Map<string, StoredWorkflow>();
  return rows.map((m) => {
    const wf = workflows.get(m.workflowId) ?? getWorkflow(ctx, m.workflowId);
    workflows.set(m.workflowId, wf);
    const recs = byMatter.get(m.id) ?? [];
    const p = boardPosition(wf, recs, m.raisedOn, today);
    return {
      id: m.id, title: m.title, category: matterCategory.parse(m.category), raisedOn: m.raisedOn, stepIndex: recs.length, stepCount: wf.steps.length,
      done: p.current === null,
      position: { currentKey: p.current?.key ?? null, currentName: p.current?.name ?? null, waitingSince: p.waitingSince, waitingDays: p.waitingDays, overdue: p.overdue },
    };
  });
}

/** The matter's search entry: its title, description and what its steps recorded. */
function indexMatter(ctx: ServiceContext, id: string): void {
  const row = matterRow(ctx, id);
  const steps = stepRows(ctx, id).flatMap((s) => [s.note, s.noticeText, s.document, s.skipReason ?? '']).filter(Boolean);
  indexDocument(ctx.sqlite, { communityId: row.communityId, type: 'matter', id, title: row.title, body: [row.description, ...steps].join('\n') });
}

/**
 * Create a matter. Its 提出日期 is the day it was raised, which is the workflow's first step (党员群众建议 in the
 * default): that step is recorded on that date at once, through the same path and audit as any step, so the board
 * shows the next step waiting since then. A first step that needs more than a date (a posting period, a filing
 * body) is left for 办理此步.
 */
export function createMatter(ctx: ServiceContext, actor: Actor, input: z.output<typeof matterFields>, today = todayInOffice()): MatterDetail {
  getCommunity(ctx, input.communityId);
  const wf = input.workflowId ? getWorkflow(ctx, input.workflowId) : defaultWorkflow(ctx);
  const raisedOn = input.raisedOn ?? today;
  if (raisedOn > today) throw new AppError('VALIDATION', `提出日期 ${raisedOn} 不能晚于今天`);
  const id = newId();
  const first = wf.steps[0];
  const firstStep: AdvanceInput | null = first && (first.kind === 'plain' || first.kind === 'meeting')
    ? {
      id, key: first.key, date: raisedOn, meetingId: null, postingStart: null, postingEnd: null, filingBody: null, noticeText: '',
      document: '', note: input.raisedBy ? `${input.raisedBy}提出` : '', skipReason: null,
    }
    : null;
  write(ctx, actor, (tx) => {
    const now = nowIso();
    ctx.db.insert(matters).values({
      id, communityId: input.communityId, workflowId: wf.id, title: input.title, category: input.category, description: input.description,
      raisedBy: input.raisedBy, raisedOn, createdAt: now, updatedAt: now,
    }).run();
    tx.audit({ action: 'create', entity: 'matter', entityId: id, after: { ...input, raisedOn, workflowId: wf.id } });
    if (firstStep && checkAdvance(wf, [], firstStep).length === 0) recordStep(ctx, tx, actor, firstStep, today);
    indexMatter(ctx, id);
  });
  return getMatter(ctx, id, today);
}

export function updateMatter(ctx: ServiceContext, actor: Actor, input: z.output<typeof matterUpdate>): MatterDetail {
  write(ctx, actor, (tx) => {
    const row = matterRow(ctx, input.id);
    refuseStale(ctx, 'matter', row, input.expectedRevision);
    ctx.db.update(matters).set({ title: input.title, category: input.category, description: input.description, raisedBy: input.raisedBy, updatedAt: nowIso() })
      .where(eq(matters.id, input.id)).run();
    tx.audit({
      action: 'update', entity: 'matter', entityId: input.id,
      before: { title: row.title, category: row.category, description: row.description, raisedBy: row.raisedBy },
      after: { title: input.title, category: input.category, description: input.description, raisedBy: input.raisedBy },
    });
    indexMatter(ctx, input.id);
  });
  return getMatter(ctx, input.id);
}

/** Record the next step (or skip an optional one). */
export function advanceMatter(ctx: ServiceContext, actor: Actor, input: z.output<typeof advanceInput>, today = todayInOffice()): MatterDetail {
  const row = matterRow(ctx, input.id);
  const wf = getWorkflow(ctx, row.workflowId);
  const rows = stepRows(ctx, input.id);
  if (input.date > today) throw new AppError('VALIDATION', `日期 ${input.date} 晚于今天，不能预先记录`);
  const skip = input.skipReason !== null ? { reason: input.skipReason } : undefined;
  const problems = checkAdvance(wf, records(rows), { ...input, ...(skip ? { skip } : {}) });
  if (input.meetingId !== null) {
    const m = ctx.db.select({ communityId: meetings.communityId }).from(meetings).where(eq(meetings.id, input.meetingId)).get();
    if (!m || m.communityId !== row.communityId) problems.push('关联的会议不存在或不属于本小区');
  }
  if (problems.length > 0) {
    throw new AppError('REFUSED', problems.join('；'), inputProblems(problems));
  }
  write(ctx, actor, (tx) => {
    recordStep(ctx, tx, actor, input, today);
    indexMatter(ctx, input.id);
  });
  return getMatter(ctx, input.id, today);
}

/** Write one checked step (inside a write) with its audit row, then the resolution step a closed vote may now record. */
function recordStep(ctx: ServiceContext, tx: WriteScope, actor: Actor, input: AdvanceInput, today: string): void {
  const skip = input.skipReason !== null;
  ctx.db.insert(matterSteps).values({
    id: newId(), matterId: input.id, stepKey: input.key, date: input.date, skipped: skip, skipReason: skip ? input.skipReason : null,
    meetingId: skip ? null : input.meetingId, postingStart: skip ? null : input.postingStart, postingEnd: skip ? null : input.postingEnd,
    filingBody: skip ? null : input.filingBody?.trim() || null, noticeText: skip ? '' : input.noticeText, document: input.document, note: input.note,
    recordedBy: actor.author, recordedAt: nowIso(),
  }).run();
  ctx.db.update(matters).set({ updatedAt: nowIso() }).where(eq(matters.id, input.id)).run();
  tx.audit({ action: skip ? 'skip-step' : 'advance', entity: 'matter', entityId: input.id, after: { step: input.key, ...input } });
  recordPendingVoteStep(ctx, tx, actor, input.id, today);
}
