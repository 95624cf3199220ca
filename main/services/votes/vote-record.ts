/**
 * A vote's stored row and the counting settings it was created with: what the
 * vote's other modules (ballots, tally, double entry, closing) read first.
 */
import { AppError } from '../../../shared/contract/errors';
import type { ServiceContext } from '../context';

export interface VoteRow {
  id: string; community_id: string; meeting_id: string; title: string; opens: string; closes: string; status: 'open' | 'closed';
  blank_rule: 'abstain' | 'not-counted'; invalid_participates: number; count_parking: number; double_entry: number; frozen_at: string; freeze_reason: string;
  closed_at: string | null; closed_by: string | null; posted_date: string | null;
}

export function voteRow(ctx: ServiceContext, id: string): VoteRow {
  const row = ctx.sqlite.prepare('select * from votes where id = ?').get(id) as VoteRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这次表决，可能已被删除');
  return row;
}

export function voteSettingsOf(row: VoteRow) {
  return { blankRule: row.blank_rule, invalidParticipates: row.invalid_participates === 1, countParking: row.count_parking === 1 };
}
