/**
 * Ballots: recorded once per voting subject (a subject with parts in several
 * places has one ballot); a second one is refused until the user replaces the
 * first with a reason. After closing, a replacement is an amendment that keeps
 * the original and the tally before and after (services/votes/vote-tally.ts). Each
 * ballot's choices are rows of ballot_choices carrying the subject's in-scope
 * area and validity.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import type { ballotFields } from '../../../shared/contract/votes';
import type { Choice } from '../../../shared/domain/tally';
import { nowIso } from '../../db/clock';
import { newId } from '../../db/ids';
import { ballotChecks, ballotChoices, ballots, voteAmendments, voteItems, voteItemSubjects, voteSubjects } from '../../db/schema/votes';
import { write, type Actor, type ServiceContext } from '../context';
import { isSamePerson } from '../system/auth';
import { auditedBallot, openProxyDocument, sealProxyDocument } from '../../security/personal-data';
import { maskDocument } from '../../../shared/domain/identity';
import { voteRow } from './vote-record';
import { ballotCounts, recordOutcomes, subjectCount, tallyVote } from './vote-tally';

type BallotFields = z.output<typeof ballotFields>;

interface SubjectScope { subjectId: string; items: Map<string, number> }

function subjectScope(ctx: ServiceContext, voteId: string, subjectId: string): SubjectScope {
  const s = ctx.db.select({ id: voteSubjects.id }).from(voteSubjects).where(and(eq(voteSubjects.id, subjectId), eq(voteSubjects.voteId, voteId))).get();
  if (!s) throw new AppError('NOT_FOUND', '这次表决中没有这个表决权人');
  const items = new Map(ctx.db.select({ itemId: voteItemSubjects.itemId, area: voteItemSubjects.area }).from(voteItemSubjects)
    .where(eq(voteItemSubjects.subjectId, subjectId)).all().map((i) => [i.itemId, i.area]));
  return { subjectId, items };
}

/** Choices for every in-scope item (missing ones blank); a choice outside the subject's scope is an error. */
function normalizedChoices(ctx: ServiceContext, voteId: string, scope: SubjectScope, f: BallotFields): BallotChoices {
  const titles = new Map(ctx.db.select({ id: voteItems.id, title: voteItems.title }).from(voteItems).where(eq(voteItems.voteId, voteId)).all()
    .map((i) => [i.id, i.title]));
  const given = new Map<string, Choice>();
  for (const c of f.choices) {
    const title = titles.get(c.itemId);
    if (title === undefined) throw new AppError('VALIDATION', '议题不属于这次表决，请刷新后重试');
    if (!scope.items.has(c.itemId) && c.choice !== 'blank') throw new AppError('VALIDATION', `该表决权人在议题“${title}”的范围内没有专有部分，此项应空白`);
    if (given.has(c.itemId)) throw new AppError('VALIDATION', `议题“${title}”填了两次`);
    given.set(c.itemId, c.choice);
  }
  if (!f.valid && f.invalidReason === '') throw AppError.field('VALIDATION', 'invalidReason', '无效票须写明原因');
  if ((f.proxyHolder === '') !== (f.proxyDocument === '')) {
    throw new AppError('VALIDATION', '委托代理须同时填写受托人和授权委托书', [fieldProblem('proxyDocument', '委托代理须同时填写受托人和授权委托书')]);
  }
  return [...scope.items].map(([itemId, area]) => ({ itemId, choice: given.get(itemId) ?? 'blank', area }));
}

export type BallotChoices = { itemId: string; choice: Choice; area: number }[];

/**
 * Inserts ballots and their choice rows (inside a write), with the statements
 * prepared once: an import of 20,000 ballots calls it 20,000 times.
 */
export function ballotWriter(ctx: ServiceContext, actor: Actor) {
  const ballot = ctx.sqlite.prepare(`insert into ballots (id, vote_id, subject_id, channel, valid, invalid_reason, proxy_holder, proxy_document, note, entered_by, entered_at, replace_reason)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const choice = ctx.sqlite.prepare('insert into ballot_choices (ballot_id, vote_id, item_id, choice, valid, current, area) values (?, ?, ?, ?, ?, 1, ?)');
  const at = nowIso();
  return (voteId: string, subjectId: string, f: BallotFields, choices: BallotChoices, replaceReason = '', id = newId()): string => {
    ballot.run(id, voteId, subjectId, f.channel, f.valid ? 1 : 0, f.valid ? '' : f.invalidReason, f.proxyHolder,
      sealProxyDocument(ctx.keys, id, f.proxyDocument), f.note, actor.author, at, replaceReason);
    for (const c of choices) choice.run(id, voteId, c.itemId, c.choice, f.valid ? 1 : 0, c.area);
    return id;
  };
}

/** One ballot of a bulk insert: its subject, validity, notes and choices with their areas. */
export interface BulkBallot {
  subjectId: string;
  valid: boolean;
  invalidReason: string;
  note: string;
  choices: BallotChoices;
}

/**
 * Many ballots at once (an import), inside the caller's transaction: two
 * INSERT … SELECT over one JSON text instead of a statement per row. 20,000
 * ballots with 60,000 choices take about two thirds of the time, since each
 * row no longer crosses from JavaScript into SQLite on its own; the triggers
 * that keep vote_tally run for every choice as always. The text is written
 * directly, one element per ballot with its choices inside (item by index):
 * 20,000 short strings rather than 80,000 arrays for the garbage collector.
 */
export function insertBallots(ctx: ServiceContext, actor: Actor, voteId: string, channel: string, ballots: readonly BulkBallot[]): void {
  const items: string[] = [];
  const itemIndex = new Map<string, number>();
  const text = JSON.stringify;
  const rows = ballots.map((b) => {
    const choices = b.choices.map((c) => {
      let i = itemIndex.get(c.itemId);
      if (i === undefined) itemIndex.set(c.itemId, (i = items.push(c.itemId) - 1));
      return `[${i},"${c.choice}",${c.area}]`;
    });
    return `[${text(newId())},${text(b.subjectId)},${b.valid ? 1 : 0},${text(b.valid ? '' : b.invalidReason)},${text(b.note)},[${choices.join(',')}]]`;
  });
  const json = `[${rows.join(',')}]`;
  ctx.sqlite.prepare(`insert into ballots (id, vote_id, subject_id, channel, valid, invalid_reason, proxy_holder, proxy_document, note, entered_by, entered_at, replace_reason)
    select value ->> 0, ?, value ->> 1, ?, value ->> 2, value ->> 3, '', '', value ->> 4, ?, ?, '' from json_each(?)`)
    .run(voteId, channel, actor.author, nowIso(), json);
  ctx.sqlite.prepare(`insert into ballot_choices (ballot_id, vote_id, item_id, choice, valid, current, area)
    select b.value ->> 0, ?, i.value, c.value ->> 1, b.value ->> 2, 1, c.value ->> 2
    from json_each(?) b join json_each(b.value, '$[5]') c join json_each(?) i on i.key = c.value ->> 0`)
    .run(voteId, json, text(items));
}

function progress(ctx: ServiceContext, voteId: string, ballotId: string) {
  return {
    ballotId,
    returned: ballotCounts(ctx, voteId).returned,
    subjects: subjectCount(ctx, voteId),
  };
}

/**
 * Under double entry the second clerk may be ahead of the first: the first pass then must not be theirs
 * either (double-entry.ts says why). Asked inside the write, so that no second pass slips in between from
 * another PC; the CLI is not asked (isSamePerson).
 */
function refuseOwnSecondPass(ctx: ServiceContext, actor: Actor, voteId: string, subjectId: string): void {
  const second = ctx.db.select({ enteredBy: ballotChecks.enteredBy }).from(ballotChecks)
    .where(and(eq(ballotChecks.voteId, voteId), eq(ballotChecks.subjectId, subjectId))).get();
  if (second && isSamePerson(actor, second.enteredBy)) {
    throw new AppError('REFUSED', `双人录入的第一遍须由另一人录入：这张票的第二遍是您录入的（${second.enteredBy}），请由另一位工作人员录入第一遍`);
  }
}

export function recordBallot(ctx: ServiceContext, actor: Actor, input: BallotFields & { voteId: string; subjectId: string }) {
  const vote = voteRow(ctx, input.voteId);
  if (vote.status === 'closed') throw new AppError('REFUSED', '表决已结束，不能再录入表决票；如发现录入错误，请对该票作更正（修正案）');
  const scope = subjectScope(ctx, input.voteId, input.subjectId);
  const existing = ctx.db.select({ id: ballots.id, enteredBy: ballots.enteredBy, enteredAt: ballots.enteredAt }).from(ballots)
    .where(and(eq(ballots.voteId, input.voteId), eq(ballots.subjectId, input.subjectId), isNull(ballots.supersededBy))).get();
  if (existing) {
    const message = `该表决权人已有一张表决票（${existing.enteredBy} 录入），同一表决权人只能有一张票：请核对后选择以本票替换（须写明理由）或放弃本票`;
    throw new AppError('REFUSED', message, [{ kind: 'conflict', entity: 'ballot', id: existing.id, message }]);
  }
  const choices = normalizedChoices(ctx, input.voteId, scope, input);
  const id = write(ctx, actor, (tx) => {
    if (vote.doubleEntry) refuseOwnSecondPass(ctx, actor, input.voteId, input.subjectId);
    const ballotId = ballotWriter(ctx, actor)(input.voteId, input.subjectId, input, choices);
    tx.audit({ action: 'record', entity: 'ballot', entityId: ballotId, after: auditedBallot(input) });
    return ballotId;
  });
  return progress(ctx, input.voteId, id);
}

/** Replace a current ballot with a new one and the reason; after closing this is an amendment with the tally before and after. */
export function replaceBallot(ctx: ServiceContext, actor: Actor, given: BallotFields & { ballotId: string; reason: string }) {
  const old = ctx.db.select({ id: ballots.id, voteId: ballots.voteId, subjectId: ballots.subjectId, supersededBy: ballots.supersededBy, proxyDocument: ballots.proxyDocument })
    .from(ballots).where(eq(ballots.id, given.ballotId)).get();
  if (!old) throw new AppError('NOT_FOUND', '找不到这张表决票');
  // Whoever may not see the proxy's authorisation in full got it masked (votes.ts voteSubjects): sent back unchanged, it stays as stored.
  const stored = openProxyDocument(ctx.keys, old.id, old.proxyDocument);
  const input = stored !== '' && given.proxyDocument === maskDocument(stored) ? { ...given, proxyDocument: stored } : given;
  if (old.supersededBy) throw new AppError('REFUSED', '这张表决票已被替换，请对现行的那张票作更正');
  const vote = voteRow(ctx, old.voteId);
  const choices = normalizedChoices(ctx, old.voteId, subjectScope(ctx, old.voteId, old.subjectId), input);
  const closed = vote.status === 'closed';
  const before = closed ? tallyVote(ctx, old.voteId) : null;
  const id = write(ctx, actor, (tx) => {
    // One current ballot per subject (a partial unique index): retire the old one before the new one goes in.
    const ballotId = newId();
    ctx.db.update(ballots).set({ supersededBy: ballotId }).where(eq(ballots.id, old.id)).run();
    ctx.db.update(ballotChoices).set({ current: false }).where(eq(ballotChoices.ballotId, old.id)).run();
    ballotWriter(ctx, actor)(old.voteId, old.subjectId, input, choices, input.reason, ballotId);
    tx.audit({ action: closed ? 'amend' : 'replace', entity: 'ballot', entityId: ballotId, before: { ballotId: old.id }, after: auditedBallot(input) });
    if (closed) {
      const after = tallyVote(ctx, old.voteId);
      recordOutcomes(ctx, after);
      ctx.db.insert(voteAmendments).values({
        id: newId(), voteId: old.voteId, reason: input.reason, ballotId, tallyBefore: JSON.stringify(before), tallyAfter: JSON.stringify(after), author: actor.author, at: nowIso(),
      }).run();
    }
    return ballotId;
  });
  return progress(ctx, old.voteId, id);
}
