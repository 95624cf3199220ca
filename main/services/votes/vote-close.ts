/**
 * Closing a vote: it is locked (ballots only change by amendment), and each
 * item that decides a matter records that matter's resolution step with the
 * vote linked — or, when earlier steps are still open, the step waits and the
 * matter's page says which are missing (services/meetings/matters.ts).
 */
import { and, count, eq, isNotNull, isNull, notExists, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/contract/errors';
import { nowIso, officeDayOf, todayInOffice } from '../../db/clock';
import { ballots, voteItems, votes, voteSubjects } from '../../db/schema/votes';
import { differences, openDifferences } from './double-entry';
import { write, type Actor, type ServiceContext } from '../context';
import { recordPendingVoteStep } from '../meetings/matters';
import { voteRow } from './vote-record';
import { recordOutcomes, tallyVote } from './vote-tally';
import { getVote } from './votes';

export function closeVote(ctx: ServiceContext, actor: Actor, id: string, today = todayInOffice()) {
  const row = voteRow(ctx, id);
  if (row.status === 'closed') throw new AppError('REFUSED', `表决已于 ${row.closedAt ? officeDayOf(row.closedAt) : ''} 结束`);
  if (today < row.closes) {
    // The announced window is the owners' right; it may end early only when every voting subject has returned a ballot.
    const returned = ctx.db.select({ one: sql<number>`1` }).from(ballots).where(and(eq(ballots.subjectId, voteSubjects.id), isNull(ballots.supersededBy)));
    const waiting = ctx.db.select({ n: count() }).from(voteSubjects).where(and(eq(voteSubjects.voteId, id), notExists(returned))).get()!.n;
    if (waiting > 0) throw new AppError('REFUSED', `投票截止日期为 ${row.closes}，尚有${waiting}位表决权人未交回表决票，不能提前结束表决`);
  }
  if (row.doubleEntry) {
    const left = openDifferences(ctx, id);
    if (left > 0) {
      const [first] = differences(ctx, id, 1);
      throw new AppError('REFUSED', `双人录入尚有${left}处不一致（如 ${first!.code} ${first!.addresses}：${first!.problems[0]}），请核对原票逐一处理后再结束表决`);
    }
  }
  const tally = tallyVote(ctx, id);
  const matters = ctx.db.selectDistinct({ matterId: voteItems.matterId }).from(voteItems).where(and(eq(voteItems.voteId, id), isNotNull(voteItems.matterId))).all()
    .flatMap((i) => (i.matterId === null ? [] : [i.matterId]));
  write(ctx, actor, (tx) => {
    ctx.db.update(votes).set({ status: 'closed', closedAt: nowIso(), closedBy: actor.author, updatedAt: nowIso() }).where(eq(votes.id, id)).run();
    recordOutcomes(ctx, tally);
    tx.audit({ action: 'close', entity: 'vote', entityId: id, after: { tally: tally.items.map((i) => ({ title: i.title, passed: i.passed, participants: i.participants, yes: i.yes })) } });
    for (const matterId of matters) recordPendingVoteStep(ctx, tx, actor, matterId, today);
  });
  return getVote(ctx, id);
}
