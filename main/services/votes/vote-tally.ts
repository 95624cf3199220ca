/**
 * Counting a vote: the totals come from the vote_tally cache that migration
 * 0004's triggers keep in the same statement as every ballot write (`check`
 * compares it with the aggregate of the ballot rows); the rule itself is
 * shared/domain/tally.ts. Each item's outcome is kept on its row at closing
 * and after every amendment.
 */
import type { z } from 'zod';
import type { voteTally } from '../../../shared/contract/votes';
import { formatHundredths } from '../../../shared/domain/area';
import {
  legalBasis, percent, tallyItem, type Choice, type CountArea, type ItemCounts, type Threshold,
} from '../../../shared/domain/tally';
import type { Sqlite } from '../../db/connection';
import type { ServiceContext } from '../context';
import { voteRow, voteSettingsOf } from './vote-record';

type VoteTally = z.output<typeof voteTally>;

const dec = (n: number) => formatHundredths(n);
const out = (c: CountArea) => ({ count: c.count, area: dec(c.area) });

/** The current choices' totals from the ballot rows themselves: what vote_tally must always equal. */
const AGGREGATE = `select item_id, valid, choice, count(*), sum(area) from ballot_choices
  where vote_id = ? and current = 1 group by item_id, valid, choice`;

/** The totals a tally rests on, from the vote_tally cache the triggers of migration 0004 keep. */
export function tallyCounts(ctx: ServiceContext, voteId: string) {
  const items = ctx.sqlite.prepare(`select id, title, category, category_name as categoryName, threshold, scope_label as scopeLabel,
    electorate_count as count, electorate_area as area from vote_items where vote_id = ? order by position`).all(voteId) as
    { id: string; title: string; category: number; categoryName: string; threshold: Threshold; scopeLabel: string; count: number; area: number }[];
  const rows = ctx.sqlite.prepare(`select t.item_id, t.valid, t.choice, t.count, t.area from vote_tally t join vote_items i on i.id = t.item_id
    where i.vote_id = ? and t.count > 0`).raw().all(voteId) as [string, number, Choice, number, number][];
  const byItem = new Map<string, ItemCounts>(items.map((i) => [i.id, {
    electorate: { count: i.count, area: i.area }, yes: Z, no: Z, abstain: Z, blank: Z, invalid: Z,
  }]));
  for (const [itemId, valid, choice, count, area] of rows) {
    const c = byItem.get(itemId)!;
    const key = valid === 1 ? choice : 'invalid';
    c[key] = { count: c[key].count + count, area: c[key].area + area };
  }
  return { items, byItem };
}
const Z: CountArea = { count: 0, area: 0 };

/** Votes whose vote_tally cache differs from the aggregate of their ballot rows (a program error; `check` reports it). */
export function voteTallyMismatches(sqlite: Sqlite): string[] {
  const aggregate = sqlite.prepare(AGGREGATE).raw();
  const cached = sqlite.prepare(`select t.item_id, t.valid, t.choice, t.count, t.area from vote_tally t join vote_items i on i.id = t.item_id
    where i.vote_id = ? and t.count != 0`).raw();
  const key = (r: unknown[]) => JSON.stringify(r);
  return (sqlite.prepare('select id from votes').pluck().all() as string[]).filter((voteId) => {
    const a = new Set((aggregate.all(voteId) as unknown[][]).map(key));
    const c = (cached.all(voteId) as unknown[][]).map(key);
    return a.size !== c.length || c.some((k) => !a.has(k));
  });
}

export function tallyVote(ctx: ServiceContext, voteId: string): VoteTally {
  const row = voteRow(ctx, voteId);
  const settings = voteSettingsOf(row);
  const { items, byItem } = tallyCounts(ctx, voteId);
  const b = ctx.sqlite.prepare('select count(*) as returned, coalesce(sum(valid), 0) as valid from ballots where vote_id = ? and superseded_by is null').get(voteId) as
    { returned: number; valid: number };
  return {
    voteId, status: row.status, settings,
    ballots: { returned: b.returned, valid: b.valid, invalid: b.returned - b.valid, subjects: ctx.sqlite.prepare('select count(*) from vote_subjects where vote_id = ?').pluck().get(voteId) as number },
    items: items.map((i) => {
      const t = tallyItem(byItem.get(i.id)!, i.category, settings, i.threshold);
      return {
        itemId: i.id, title: i.title, category: i.category, categoryName: i.categoryName, scopeLabel: i.scopeLabel,
        threshold: t.threshold, legalBasis: legalBasis(i.category, i.category > 9 ? { number: i.category, name: i.categoryName, threshold: i.threshold } : undefined),
        electorate: out(t.electorate), participants: out(t.participants), yes: out(t.yes), no: out(t.no), abstain: out(t.abstain),
        percents: {
          participationArea: percent(t.participants.area, t.electorate.area), participationCount: percent(t.participants.count, t.electorate.count),
          yesArea: percent(t.yes.area, t.participants.area), yesCount: percent(t.yes.count, t.participants.count),
        },
        participationMet: t.participationMet, approvalMet: t.approvalMet, passed: t.passed, comparisons: t.comparisons,
      };
    }),
  };
}

/** Each item's outcome on the vote's row, at closing and after every amendment. */
export function recordOutcomes(ctx: ServiceContext, tally: { items: { itemId: string; passed: boolean }[] }): void {
  const set = ctx.sqlite.prepare('update vote_items set passed = ? where id = ?');
  for (const item of tally.items) set.run(item.passed ? 1 : 0, item.itemId);
}
