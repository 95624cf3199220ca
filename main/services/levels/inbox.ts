/**
 * The street's inbox of issues escalated to it (issue 18, docs/domain.md §7, §10; 吹哨报到): each issue as its
 * 社区 office sent it, read-only here, with the street's own 24-hour clock for a handling plan from the escalation
 * (docs/domain.md §10: the office cannot know when a file was carried over), and the street's answers — accepted, dispatched to a department with a deadline, the
 * department's report back, answered, returned — which go down to the 社区 in the next package. The street
 * answers another office's issue; it never edits it. Also the notices an upper office sends down.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import { communityRecord, issueRecord, type answerInput, type inboxItem, type noticeInput, type noticeList } from '../../../shared/contract/levels';
import { addHours, DEFAULT_ISSUE_RULES } from '../../../shared/domain/issue-ledger';
import { ANSWER_KINDS } from '../../../shared/domain/levels';
import { nowIso, nowInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { issueAnswers, officeNotices, offices, receivedRecords } from '../../db/schema/levels';
import { write, type Actor, type ServiceContext } from '../context';
import { officeByName, selfOffice } from './offices';

/** The kinds that answer the 24-hour plan: the street took the issue up. */
const TAKES_UP = new Set<string>(['受理', '派单', '答复', '退回']);

export function inbox(ctx: ServiceContext, now = nowInOffice()): z.output<typeof inboxItem>[] {
  const names = new Map(ctx.db.select({ id: offices.id, name: offices.name }).from(offices).all().map((o) => [o.id, o.name]));
  const communityNames = new Map(ctx.db.select().from(receivedRecords).where(eq(receivedRecords.kind, 'community')).all()
    .map((r) => [`${r.officeId}:${r.recordId}`, communityRecord.parse(JSON.parse(r.body)).name]));
  const answers = ctx.db.select().from(issueAnswers).orderBy(asc(issueAnswers.at), asc(issueAnswers.createdAt)).all();
  return ctx.db.select().from(receivedRecords).where(eq(receivedRecords.kind, 'issue')).orderBy(desc(receivedRecords.receivedAt)).all().map((r) => {
    const issue = issueRecord.parse(JSON.parse(r.body));
    const mine = answers.filter((a) => a.officeId === r.officeId && a.issueId === r.recordId);
    const planDueAt = issue.escalatedAt === null ? null : addHours(issue.escalatedAt, DEFAULT_ISSUE_RULES.planHours);
    // Taken up by the street's first 受理/派单/答复/退回 — or settled at the 社区 before that, which is not the street late.
    const takenAt = mine.find((a) => TAKES_UP.has(a.kind))?.at ?? issue.closedAt;
    return {
      ...issue, officeName: names.get(r.officeId) ?? '', issueId: r.recordId, communityName: communityNames.get(`${r.officeId}:${r.communityId}`) ?? '',
      planDueAt, planLate: planDueAt !== null && (takenAt === null ? now > planDueAt : takenAt > planDueAt),
      answers: mine.map((a) => ({ id: a.id, issueId: a.issueId, kind: ANSWER_KINDS.find((k) => k === a.kind) ?? '答复', department: a.department, due: a.due, text: a.text, at: a.at, author: a.author })),
      state: mine.at(-1)?.kind ?? '待受理',
    };
  });
}

/** The street's answer to an escalated issue: a record of its own, which goes down with its next package. */
export function answerIssue(ctx: ServiceContext, actor: Actor, input: z.output<typeof answerInput>, now = nowInOffice()) {
  const office = officeByName(ctx, input.officeName);
  const issue = office && ctx.db.select().from(receivedRecords)
    .where(and(eq(receivedRecords.officeId, office.id), eq(receivedRecords.kind, 'issue'), eq(receivedRecords.recordId, input.issueId))).get();
  if (!office || !issue) throw AppError.field('NOT_FOUND', 'issueId', '找不到这个上报的问题：可能还没有收到它的交换包');
  if (input.kind === '派单' && (input.department === '' || input.due === null)) {
    throw AppError.field('VALIDATION', input.department === '' ? 'department' : 'due', '派单须写明承办部门和办理期限');
  }
  const id = newId();
  write(ctx, actor, (tx) => {
    ctx.db.insert(issueAnswers).values({
      id, officeId: office.id, issueId: input.issueId, kind: input.kind, department: input.department, due: input.due, text: input.text, at: now, author: actor.author, createdAt: nowIso(),
    }).run();
    tx.audit({ action: 'answer', entity: 'issue_answer', entityId: id, after: { office: office.name, ...input } });
  });
  return inbox(ctx, now).find((i) => i.officeName === office.name && i.issueId === input.issueId)!;
}

/** A notice to every office below this one, sent with each one's next package. */
export function sendNotice(ctx: ServiceContext, actor: Actor, input: z.output<typeof noticeInput>) {
  const self = selfOffice(ctx);
  if (!self || self.level === '社区') throw new AppError('REFUSED', '只有街道或区办公室向下级发通知');
  const id = newId();
  write(ctx, actor, (tx) => {
    ctx.db.insert(officeNotices).values({ id, title: input.title, body: input.body, sentOn: input.sentOn, author: actor.author, createdAt: nowIso() }).run();
    tx.audit({ action: 'create', entity: 'office_notice', entityId: id, after: input });
  });
  return listNotices(ctx);
}

/** The notices this office sent and those it received from above, newest first. */
export function listNotices(ctx: ServiceContext): z.output<typeof noticeList> {
  const self = selfOffice(ctx);
  const names = new Map(ctx.db.select({ id: offices.id, name: offices.name }).from(offices).all().map((o) => [o.id, o.name]));
  const own = ctx.db.select().from(officeNotices).all().map((n) => ({ id: n.id, title: n.title, body: n.body, sentOn: n.sentOn, from: self?.name ?? '' }));
  const received = ctx.db.select().from(receivedRecords).where(eq(receivedRecords.kind, 'notice')).all().map((r) => {
    const b = JSON.parse(r.body) as { title: string; body: string; sentOn: string };
    return { id: r.recordId, title: b.title, body: b.body, sentOn: b.sentOn, from: names.get(r.officeId) ?? '' };
  });
  return [...own, ...received].sort((a, b) => (a.sentOn < b.sentOn ? 1 : a.sentOn > b.sentOn ? -1 : 0));
}
