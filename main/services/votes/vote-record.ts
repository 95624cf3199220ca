/**
 * A vote's stored row and the counting settings it was created with: what the
 * vote's other modules (ballots, tally, double entry, closing) read first.
 */
import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/contract/errors';
import { preparedPer } from '../../db/prepared';
import { oneOf } from '../../db/rows';
import { votes } from '../../db/schema/votes';
import type { ServiceContext } from '../context';

const VOTE_STATUSES = ['open', 'closed'] as const;
const BLANK_RULES = ['abstain', 'not-counted'] as const;

/** Every vote method reads its row first (a tally on each screen refresh): prepared once per connection. */
const voteById = preparedPer((db) => db.select().from(votes).where(eq(votes.id, sql.placeholder('id'))).prepare());

/** The vote's row (typed from the schema), its status and blank rule checked against their lists. */
export function voteRow(ctx: ServiceContext, id: string) {
  const row = voteById(ctx.db).get({ id });
  if (!row) throw new AppError('NOT_FOUND', '找不到这次表决，可能已被删除');
  return { ...row, status: oneOf(VOTE_STATUSES, row.status, 'votes.status'), blankRule: oneOf(BLANK_RULES, row.blankRule, 'votes.blank_rule') };
}

export type VoteRow = ReturnType<typeof voteRow>;

export function voteSettingsOf(row: VoteRow) {
  return { blankRule: row.blankRule, invalidParticipates: row.invalidParticipates, countParking: row.countParking };
}
