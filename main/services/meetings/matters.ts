/**
 * Matters (事项) carried through their workflow: each step recorded once, in
 * order, with its date, meeting, posting period or filing body (rules in
 * shared/domain/workflow.ts). A recorded step is not edited; the matter's
 * description may be. Matters are indexed for full-text search.
 */
import type { z } from 'zod';
import { AppError, inputProblems } from '../../../shared/contract/errors';
import type { advanceInput, matterDetail, matterFields, matterListItem, matterUpdate } from '../../../shared/contract/meetings';
import { boardPosition, checkAdvance, nextStep, voteStepOf, type StepRecord } from '../../../shared/domain/workflow';
import { nowIso, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext, type WriteScope } from '../context';
import { indexDocument } from '../system/search-index';
import { defaultWorkflow, getWorkflow, type StoredWorkflow } from './workflows';

type MatterDetail = z.output<typeof matterDetail>;

interface MatterRow {
  id: string; community_id: string; workflow_id: string; title: string; category: MatterDetail['category']; description: string;
  raised_by: string; raised_on: string;
}

interface StepRow {
  step_key: string; date: string; skipped: number; skip_reason: string | null; meeting_id: string | null; meeting_title: string | null; vote_id: string | null;
  posting_start: string | null; posting_end: string | null; filing_body: string | null; notice_text: string; document: string; note: string;
  recorded_by: string; recorded_at: string;
}

function matterRow(ctx: ServiceContext, id: string): MatterRow {
  const row = ctx.sqlite.prepare('select * from matters where id = ?').get(id) as MatterRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这个事项，可能已被删除');
  return row;
}

function stepRows(ctx: ServiceContext, matterId: string): StepRow[] {
  return ctx.sqlite.prepare(`select s.*, m.title as meeting_title from matter_steps s left join meetings m on m.id = s.meeting_id
    where s.matter_id = ? order by s.date, s.recorded_at`).all(matterId) as StepRow[];
}

const records = (rows: StepRow[]): StepRecord[] => rows.map((r) => ({ key: r.step_key, date: r.date, skipped: r.skipped === 1 }));

function position(wf: StoredWorkflow, rows: StepRow[], raisedOn: string, today: string) {
  const p = boardPosition(wf, records(rows), raisedOn, today);
  return { currentKey: p.current?.key ?? null, currentName: p.current?.name ?? null, waitingSince: p.waitingSince, waitingDays: p.waitingDays, overdue: p.overdue };
}

export function getMatter(ctx: ServiceContext, id: string, today = todayInOffice()): MatterDetail {
  const row = matterRow(ctx, id);
  const wf = getWorkflow(ctx, row.workflow_id);
  const rows = stepRows(ctx, id);
  const byKey = new Map(rows.map((r) => [r.step_key, r]));
  const pos = position(wf, rows, row.raised_on, today);
  return {
    id: row.id, communityId: row.community_id, communityName: getCommunity(ctx, row.community_id).name, title: row.title,
    category: row.category, description: row.description, raisedBy: row.raised_by, raisedOn: row.raised_on,
    workflow: { id: wf.id, name: wf.name, version: wf.version },
    steps: wf.steps.map((s) => {
      const r = byKey.get(s.key);
      return {
        ...s, done: r !== undefined, skipped: r?.skipped === 1, date: r?.date ?? null, meetingId: r?.meeting_id ?? null,
        meetingTitle: r?.meeting_title ?? null, voteId: r?.vote_id ?? null, postingStart: r?.posting_start ?? null, postingEnd: r?.posting_end ?? null,
        filingBody: r?.filing_body ?? null, noticeText: r?.notice_text ?? '', document: r?.document ?? '', note: r?.note ?? '',
        skipReason: r?.skip_reason ?? null, recordedBy: r?.recorded_by ?? null, recordedAt: r?.recorded_at ?? null,
      };
    }),
    position: pos,
    done: pos.currentKey === null,
    pendingVote: pendingVote(ctx, row, wf, rows),
  };
}

/** A closed vote that decided this matter, while earlier steps keep its resolution step waiting. */
/** The newest closed vote that decided this matter, if every item of it that concerns the matter passed. */
function closedVoteOf(ctx: ServiceContext, matterId: string) {
  const vote = ctx.sqlite.prepare(`select v.id, v.title, v.meeting_id as meetingId, v.closed_at as closedAt,
      min(coalesce(i.passed, 0)) as passed from vote_items i join votes v on v.id = i.vote_id
      where i.matter_id = ? and v.status = 'closed' group by v.id order by v.closed_at desc limit 1`).get(matterId) as
    { id: string; title: string; meetingId: string; closedAt: string; passed: number } | undefined;
  if (!vote || vote.passed !== 1) return undefined;
  // The closing day in the office's time zone, not UTC's.
  return { ...vote, closedAt: todayInOffice('Asia/Shanghai', new Date(vote.closedAt)) };
}

function pendingVote(ctx: ServiceContext, row: MatterRow, wf: StoredWorkflow, rows: StepRow[]) {
  const step = voteStepOf(wf);
  if (!step || rows.some((r) => r.step_key === step.key)) return null;
  const vote = closedVoteOf(ctx, row.id);
  if (!vote) return null;
  const done = new Set(rows.map((r) => r.step_key));
  const before = wf.steps.slice(0, wf.steps.findIndex((s) => s.key === step.key));
  return { voteId: vote.id, voteTitle: vote.title, closedAt: vote.closedAt, stepName: step.name, missing: before.filter((s) => !done.has(s.key)).map((s) => s.name) };
}

/**
 * Record the resolution step from a closed vote when it is the matter's next
 * step (inside a write): at closing, and again after each step recorded later.
 */
export function recordPendingVoteStep(ctx: ServiceContext, tx: WriteScope, actor: Actor, matterId: string, today: string): void {
  const row = matterRow(ctx, matterId);
  const wf = getWorkflow(ctx, row.workflow_id);
  const step = voteStepOf(wf);
  const rows = stepRows(ctx, matterId);
  if (!step || nextStep(wf, records(rows))?.key !== step.key) return;
  const vote = closedVoteOf(ctx, matterId);
  if (!vote) return;
  const outcome = ctx.sqlite.prepare('select title from vote_items where vote_id = ? and matter_id = ? order by position').pluck().all(vote.id, matterId) as string[];
  const last = rows.reduce((d, r) => (r.date > d ? r.date : d), vote.closedAt ?? today);
  ctx.sqlite.prepare(`insert into matter_steps (id, matter_id, step_key, date, skipped, meeting_id, vote_id, note, recorded_by, recorded_at)
    values (?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`).run(newId(), matterId, step.key, last, vote.meetingId, vote.id,
    `业主表决“${vote.title}”已结束（议题：${outcome.join('、')}），结果见表决结果公告`, actor.author, nowIso());
  tx.audit({ action: 'advance', entity: 'matter', entityId: matterId, after: { step: step.key, voteId: vote.id, date: last } });
}

export function listMatters(ctx: ServiceContext, communityId: string, today = todayInOffice()): z.output<typeof matterListItem>[] {
  const matters = ctx.sqlite.prepare('select * from matters where community_id = ? order by raised_on desc, created_at desc').all(communityId) as MatterRow[];
  const steps = ctx.sqlite.prepare(`select s.matter_id, s.step_key, s.date, s.skipped from matter_steps s join matters m on m.id = s.matter_id
    where m.community_id = ?`).all(communityId) as { matter_id: string; step_key: string; date: string; skipped: number }[];
  const byMatter = new Map<string, StepRecord[]>();
  for (const s of steps) {
    const list = byMatter.get(s.matter_id) ?? [];
    list.push({ key: s.step_key, date: s.date, skipped: s.skipped === 1 });
    byMatter.set(s.matter_id, list);
  }
  const workflows = new Map<string, StoredWorkflow>();
  return matters.map((m) => {
    const wf = workflows.get(m.workflow_id) ?? getWorkflow(ctx, m.workflow_id);
    workflows.set(m.workflow_id, wf);
    const recs = byMatter.get(m.id) ?? [];
    const p = boardPosition(wf, recs, m.raised_on, today);
    return {
      id: m.id, title: m.title, category: m.category, raisedOn: m.raised_on, stepIndex: recs.length, stepCount: wf.steps.length,
      done: p.current === null,
      position: { currentKey: p.current?.key ?? null, currentName: p.current?.name ?? null, waitingSince: p.waitingSince, waitingDays: p.waitingDays, overdue: p.overdue },
    };
  });
}

/** The matter's search entry: its title, description and what its steps recorded. */
function indexMatter(ctx: ServiceContext, id: string): void {
  const row = matterRow(ctx, id);
  const steps = stepRows(ctx, id).flatMap((s) => [s.note, s.notice_text, s.document, s.skip_reason ?? '']).filter(Boolean);
  indexDocument(ctx.sqlite, { communityId: row.community_id, type: 'matter', id, title: row.title, body: [row.description, ...steps].join('\n') });
}

export function createMatter(ctx: ServiceContext, actor: Actor, input: z.output<typeof matterFields>, today = todayInOffice()): MatterDetail {
  getCommunity(ctx, input.communityId);
  const wf = input.workflowId ? getWorkflow(ctx, input.workflowId) : defaultWorkflow(ctx);
  const raisedOn = input.raisedOn ?? today;
  if (raisedOn > today) throw new AppError('VALIDATION', `提出日期 ${raisedOn} 不能晚于今天`);
  const id = newId();
  write(ctx, actor, (tx) => {
    const now = nowIso();
    ctx.sqlite.prepare(`insert into matters (id, community_id, workflow_id, title, category, description, raised_by, raised_on, created_at, updated_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, input.communityId, wf.id, input.title, input.category, input.description, input.raisedBy, raisedOn, now, now);
    tx.audit({ action: 'create', entity: 'matter', entityId: id, after: { ...input, raisedOn, workflowId: wf.id } });
    indexMatter(ctx, id);
  });
  return getMatter(ctx, id, today);
}

export function updateMatter(ctx: ServiceContext, actor: Actor, input: z.output<typeof matterUpdate>): MatterDetail {
  const row = matterRow(ctx, input.id);
  write(ctx, actor, (tx) => {
    ctx.sqlite.prepare('update matters set title = ?, category = ?, description = ?, raised_by = ?, updated_at = ? where id = ?')
      .run(input.title, input.category, input.description, input.raisedBy, nowIso(), input.id);
    tx.audit({
      action: 'update', entity: 'matter', entityId: input.id,
      before: { title: row.title, category: row.category, description: row.description, raisedBy: row.raised_by },
      after: { title: input.title, category: input.category, description: input.description, raisedBy: input.raisedBy },
    });
    indexMatter(ctx, input.id);
  });
  return getMatter(ctx, input.id);
}

/** Record the next step (or skip an optional one). */
export function advanceMatter(ctx: ServiceContext, actor: Actor, input: z.output<typeof advanceInput>, today = todayInOffice()): MatterDetail {
  const row = matterRow(ctx, input.id);
  const wf = getWorkflow(ctx, row.workflow_id);
  const rows = stepRows(ctx, input.id);
  if (input.date > today) throw new AppError('VALIDATION', `日期 ${input.date} 晚于今天，不能预先记录`);
  const skip = input.skipReason !== null ? { reason: input.skipReason } : undefined;
  const problems = checkAdvance(wf, records(rows), { ...input, ...(skip ? { skip } : {}) });
  if (input.meetingId !== null) {
    const m = ctx.sqlite.prepare('select community_id as communityId from meetings where id = ?').get(input.meetingId) as { communityId: string } | undefined;
    if (!m || m.communityId !== row.community_id) problems.push('关联的会议不存在或不属于本小区');
  }
  if (problems.length > 0) {
    throw new AppError('REFUSED', problems.join('；'), inputProblems(problems));
  }
  write(ctx, actor, (tx) => {
    const id = newId();
    ctx.sqlite.prepare(`insert into matter_steps (id, matter_id, step_key, date, skipped, skip_reason, meeting_id, posting_start, posting_end, filing_body,
        notice_text, document, note, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, input.id, input.key, input.date, skip ? 1 : 0, skip?.reason ?? null, skip ? null : input.meetingId,
        skip ? null : input.postingStart, skip ? null : input.postingEnd, skip ? null : input.filingBody?.trim() || null,
        skip ? '' : input.noticeText, input.document, input.note, actor.author, nowIso());
    ctx.sqlite.prepare('update matters set updated_at = ? where id = ?').run(nowIso(), input.id);
    tx.audit({ action: skip ? 'skip-step' : 'advance', entity: 'matter', entityId: input.id, after: { step: input.key, ...input } });
    recordPendingVoteStep(ctx, tx, actor, input.id, today);
    indexMatter(ctx, input.id);
  });
  return getMatter(ctx, input.id, today);
}
