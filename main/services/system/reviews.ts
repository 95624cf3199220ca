/**
 * Two-person control (复核, issue 16). A community may put four actions under review (its setting
 * `twoPersonControl`): closing a vote, closing a month, a reversal, a repair's charge. With it on, the call does
 * not act: it records a pending review — who asked, when, the community, the permission the action needs and the
 * input exactly as validated — and answers with the record as it stands plus `review`. A second person holding
 * that permission on that community confirms it, and the action then runs as if called at that moment, its audit
 * rows naming both people; the person who asked cannot confirm their own. Either may end it with a reason: the one
 * who asked withdraws it, a second person with the permission rejects it. A decided review is never changed again
 * (the triggers of migration 0010 hold that in the database too).
 *
 * Before a request is recorded the action is tried in a savepoint that is rolled back: what would be refused now
 * (a vote still within its window, a month not yet over, an entry already reversed) is refused to the person who
 * asks, not left for the second person to find.
 */
import { and, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { AppError } from '../../../shared/contract/errors';
import type { MethodOutput, ParsedInput } from '../../../shared/contract/methods';
import {
  REVIEW_STATUSES, REVIEW_SUBJECTS, REVIEWED_ACTIONS, type ReviewedAction, type ReviewStatus, type reviewQuery, type reviewRow,
} from '../../../shared/contract/reviews';
import { forbiddenMessage, may, PERMISSIONS, type Grant, type Permission } from '../../../shared/domain/permissions';
import { formatHundredthsGrouped } from '../../../shared/domain/area';
import type { z } from 'zod';
import { nowIso } from '../../db/clock';
import { newId } from '../../db/ids';
import { oneOf } from '../../db/rows';
import { communities } from '../../db/schema/register';
import { reviews } from '../../db/schema/reviews';
import { journalEntries } from '../../db/schema/treasury';
import { write, type Actor, type ServiceContext } from '../context';
import { getCommunity } from '../register/communities';
import { closeVote } from '../votes/vote-close';
import { voteRow } from '../votes/vote-record';
import { getVote } from '../votes/votes';
import { booksOf, closeMonth, getEntry, reverseEntry } from '../treasury/ledger';
import { chargeProject, getProject } from '../treasury/repairs';

type Subject = { communityId: string; kind: (typeof REVIEW_SUBJECTS)[number]; id: string; summary: string };

interface Reviewed<M extends ReviewedAction> {
  permission: Permission;
  /** The community and record the call acts on, and the action in words, as they are when it is asked. */
  subject(ctx: ServiceContext, input: ParsedInput<M>): Subject;
  /** The action itself: the same service the method calls when 复核 is off. */
  run(ctx: ServiceContext, actor: Actor, input: ParsedInput<M>): MethodOutput<M>;
  /** The record as it stands (unchanged), answered by a call that waits. */
  current(ctx: ServiceContext, input: ParsedInput<M>): MethodOutput<M>;
}

const REVIEWED: { [M in ReviewedAction]: Reviewed<M> } = {
  'vote.close': {
    permission: 'votes.write',
    subject: (ctx, input) => {
      const v = voteRow(ctx, input.id);
      return { communityId: v.communityId, kind: 'vote', id: v.id, summary: `结束表决“${v.title}”` };
    },
    run: (ctx, actor, input) => closeVote(ctx, actor, input.id),
    current: (ctx, input) => getVote(ctx, input.id),
  },
  'ledger.closeMonth': {
    permission: 'books.write',
    subject: (ctx, input) => {
      getCommunity(ctx, input.communityId);
      return { communityId: input.communityId, kind: 'ledger', id: input.communityId, summary: `结账：${input.month} 及以前各月` };
    },
    run: (ctx, actor, input) => closeMonth(ctx, actor, input),
    current: (ctx, input) => booksOf(ctx, input.communityId),
  },
  'ledger.reverse': {
    permission: 'books.write',
    subject: (ctx, input) => {
      const e = getEntry(ctx, input.id);
      const { communityId } = ctx.db.select({ communityId: journalEntries.communityId }).from(journalEntries).where(eq(journalEntries.id, input.id)).get()!;
      return { communityId, kind: 'entry', id: e.id, summary: `冲销第 ${e.number} 号凭证（${e.memo}），冲销日期 ${input.date}，原因：${input.reason}` };
    },
    run: (ctx, actor, input) => reverseEntry(ctx, actor, input),
    current: (ctx, input) => getEntry(ctx, input.id),
  },
  'repair.charge': {
    permission: 'books.write',
    subject: (ctx, input) => {
      const p = getProject(ctx, input.projectId);
      return {
        communityId: p.communityId, kind: 'repair', id: p.id,
        summary: `“${p.title}”决算 ${formatHundredthsGrouped(input.finalCost)} 元按${p.basis === 'area' ? '面积' : '户'}分摊（${p.scopeLabel}），记账日期 ${input.date}`,
      };
    },
    run: (ctx, actor, input) => chargeProject(ctx, actor, input),
    current: (ctx, input) => getProject(ctx, input.projectId),
  },
};

/** Who may see a review who cannot decide it: the action's read permission on that community. */
const READ_OF: Partial<Record<Permission, Permission>> = { 'votes.write': 'votes.read', 'books.write': 'books.read' };

/** Thrown to roll back the trial run of a request (the savepoint), never seen outside this module. */
class TrialDone extends Error {}

/**
 * A reviewed method: acts at once when its community has 复核 off; otherwise records a pending review and
 * answers with the record unchanged and `review` set. Either way a request already waiting for the same action on
 * the same record is refused: it is confirmed, rejected or withdrawn first, so nothing is done twice.
 */
export function actOrAsk<M extends ReviewedAction>(ctx: ServiceContext, actor: Actor, action: M, input: ParsedInput<M>): MethodOutput<M> {
  const spec: Reviewed<M> = REVIEWED[action];
  const subject = spec.subject(ctx, input);
  refuseIfWaiting(ctx, action, subject);
  if (!getCommunity(ctx, subject.communityId).settings.twoPersonControl) return spec.run(ctx, actor, input);
  const review = write(ctx, actor, (tx) => {
    // Again inside the transaction: of two people asking at once, the second is told, not refused by the unique index.
    refuseIfWaiting(ctx, action, subject);
    // The trial: the action as it would run now, in a savepoint undone at once, so a refusal reaches the person asking.
    try {
      ctx.sqlite.transaction(() => {
        spec.run(ctx, actor, input);
        throw new TrialDone();
      })();
    } catch (error) {
      if (!(error instanceof TrialDone)) throw error;
    }
    const row = {
      id: newId(), communityId: subject.communityId, action, permission: spec.permission, subjectKind: subject.kind, subjectId: subject.id,
      summary: subject.summary, input: JSON.stringify(input), status: 'pending' as const, requestedAt: nowIso(), requestedBy: actor.author,
      requestedByUserId: actor.userId,
    };
    ctx.db.insert(reviews).values(row).run();
    tx.audit({ action: 'request-review', entity: 'review', entityId: row.id, after: { action, summary: row.summary, subject: `${subject.kind}:${subject.id}` } });
    return { id: row.id, status: row.status, action, summary: row.summary, requestedAt: row.requestedAt, requestedBy: row.requestedBy };
  });
  return { ...spec.current(ctx, input), review };
}

function refuseIfWaiting(ctx: ServiceContext, action: ReviewedAction, subject: Subject): void {
  const waiting = ctx.db.select({ requestedBy: reviews.requestedBy, requestedAt: reviews.requestedAt }).from(reviews)
    .where(and(eq(reviews.action, action), eq(reviews.subjectId, subject.id), eq(reviews.status, 'pending'))).get();
  if (waiting) {
    throw new AppError('REFUSED', `${subject.summary}已由${waiting.requestedBy}于 ${waiting.requestedAt.slice(0, 10)} 提交复核，正在等待复核：请在“待复核”中确认，或撤回后再办理`);
  }
}

type ReviewRecord = typeof reviews.$inferSelect;
type ReviewRow = z.output<typeof reviewRow>;

function reviewById(ctx: ServiceContext, id: string): ReviewRecord {
  const r = ctx.db.select().from(reviews).where(eq(reviews.id, id)).get();
  if (!r) throw new AppError('NOT_FOUND', '找不到这项复核');
  return r;
}

/** The same person: by account; the CLI has none, so there by the name it writes in the log. */
function askedBy(r: ReviewRecord, actor: Actor): boolean {
  return r.requestedByUserId !== null ? r.requestedByUserId === actor.userId : r.requestedBy === actor.author;
}

const STATUS_WORDS: Record<ReviewStatus, string> = { pending: '等待复核', confirmed: '复核通过', rejected: '退回', withdrawn: '撤回' };

function refuseDecided(r: ReviewRecord): void {
  if (r.status === 'pending') return;
  const status = oneOf(REVIEW_STATUSES, r.status, 'reviews.status');
  throw new AppError('REFUSED', `这项复核已于 ${(r.decidedAt ?? '').slice(0, 10)} 由${r.decidedBy ?? ''}${STATUS_WORDS[status]}，不能再次处理`);
}

/**
 * Confirm: the action runs now with the input as it was asked, in the same transaction that marks the review
 * confirmed — both or neither. Its audit rows (and a closed vote's or month's 结账人) name both people.
 */
export function confirmReview(ctx: ServiceContext, actor: Actor, grants: readonly Grant[], id: string): ReviewRow {
  const r = reviewById(ctx, id);
  refuseDecided(r);
  if (askedBy(r, actor)) throw new AppError('REFUSED', '不能复核自己提交的操作：须由另一位有相应权限的人员确认。如不再需要，可以撤回');
  const permission = oneOf(PERMISSIONS, r.permission, 'reviews.permission');
  if (!may(grants, permission, r.communityId)) throw new AppError('FORBIDDEN', forbiddenMessage(permission));
  const action = oneOf(REVIEWED_ACTIONS, r.action, 'reviews.action');
  const both: Actor = { author: `${r.requestedBy}提交，${actor.author}复核`, userId: actor.userId };
  write(ctx, actor, (tx) => {
    decide(ctx, r, 'confirmed', actor, null);
    runStored(ctx, both, action, r.input);
    tx.audit({
      action: 'confirm-review', entity: 'review', entityId: r.id, before: { status: 'pending' },
      after: { status: 'confirmed', action: r.action, summary: r.summary, requestedBy: r.requestedBy, confirmedBy: actor.author },
    });
  });
  return toRow(ctx, reviewById(ctx, id), actor, grants);
}

/** The stored input is the method's input as validated when asked (JSON of ParsedInput), run as it was. */
function runStored<M extends ReviewedAction>(ctx: ServiceContext, actor: Actor, action: M, input: string): void {
  const spec: Reviewed<M> = REVIEWED[action];
  spec.run(ctx, actor, JSON.parse(input) as ParsedInput<M>);
}

/** Withdrawn by the person who asked, or rejected by a second person with the permission; the reason is kept. */
export function rejectReview(ctx: ServiceContext, actor: Actor, grants: readonly Grant[], input: { id: string; reason: string }): ReviewRow {
  const r = reviewById(ctx, input.id);
  refuseDecided(r);
  const mine = askedBy(r, actor);
  const permission = oneOf(PERMISSIONS, r.permission, 'reviews.permission');
  if (!mine && !may(grants, permission, r.communityId)) throw new AppError('FORBIDDEN', forbiddenMessage(permission));
  const status = mine ? 'withdrawn' : 'rejected';
  write(ctx, actor, (tx) => {
    decide(ctx, r, status, actor, input.reason);
    tx.audit({
      action: mine ? 'withdraw-review' : 'reject-review', entity: 'review', entityId: r.id, before: { status: 'pending' },
      after: { status, action: r.action, summary: r.summary, requestedBy: r.requestedBy, decidedBy: actor.author, reason: input.reason },
    });
  });
  return toRow(ctx, reviewById(ctx, input.id), actor, grants);
}

/** Marks it decided, only while it still waits: of two decisions racing, the second finds nothing and is refused. */
function decide(ctx: ServiceContext, r: ReviewRecord, status: Exclude<ReviewStatus, 'pending'>, actor: Actor, reason: string | null): void {
  const changed = ctx.db.update(reviews).set({ status, decidedAt: nowIso(), decidedBy: actor.author, decidedByUserId: actor.userId, reason })
    .where(and(eq(reviews.id, r.id), eq(reviews.status, 'pending'))).run().changes;
  if (changed === 0) refuseDecided(reviewById(ctx, r.id));
}

const MAX_ROWS = 500;

/** What waits for the caller, what the caller asked, or a community's reviews — only those the caller may see. */
export function listReviews(ctx: ServiceContext, actor: Actor, grants: readonly Grant[], q: z.output<typeof reviewQuery>): ReviewRow[] {
  const where: (SQL | undefined)[] = [
    q.communityId ? eq(reviews.communityId, q.communityId) : undefined,
    q.subjectId ? eq(reviews.subjectId, q.subjectId) : undefined,
    q.status ? eq(reviews.status, q.status) : undefined,
  ];
  if (q.filter === 'toConfirm') where.push(eq(reviews.status, 'pending'));
  if (q.filter === 'requested') {
    where.push(actor.userId !== null ? eq(reviews.requestedByUserId, actor.userId) : and(isNull(reviews.requestedByUserId), eq(reviews.requestedBy, actor.author)));
  }
  const rows = ctx.db.select().from(reviews).where(and(...where)).orderBy(desc(reviews.requestedAt), desc(reviews.id)).all();
  const out: ReviewRow[] = [];
  for (const r of rows) {
    const row = toRow(ctx, r, actor, grants);
    const permission = oneOf(PERMISSIONS, r.permission, 'reviews.permission');
    const read = READ_OF[permission];
    const visible = may(grants, permission, r.communityId) || (read !== undefined && may(grants, read, r.communityId)) || row.mine;
    if (!visible) continue;
    if (q.filter === 'toConfirm' && !row.canConfirm) continue;
    out.push(row);
    if (out.length === MAX_ROWS) break;
  }
  return out;
}

function communityName(ctx: ServiceContext, id: string): string {
  return ctx.db.select({ name: communities.name }).from(communities).where(eq(communities.id, id)).get()?.name ?? '';
}

function toRow(ctx: ServiceContext, r: ReviewRecord, actor: Actor, grants: readonly Grant[]): ReviewRow {
  const permission = oneOf(PERMISSIONS, r.permission, 'reviews.permission');
  const status = oneOf(REVIEW_STATUSES, r.status, 'reviews.status');
  const mine = askedBy(r, actor);
  const holds = may(grants, permission, r.communityId);
  return {
    id: r.id, communityId: r.communityId, communityName: communityName(ctx, r.communityId),
    action: oneOf(REVIEWED_ACTIONS, r.action, 'reviews.action'), permission, subjectKind: oneOf(REVIEW_SUBJECTS, r.subjectKind, 'reviews.subject_kind'),
    subjectId: r.subjectId, summary: r.summary, status, requestedAt: r.requestedAt, requestedBy: r.requestedBy,
    decidedAt: r.decidedAt, decidedBy: r.decidedBy, reason: r.reason,
    mine, canConfirm: status === 'pending' && !mine && holds, canReject: status === 'pending' && (mine || holds),
  };
}
