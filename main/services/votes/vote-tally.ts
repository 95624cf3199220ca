/**
 * Counting a vote: the totals come from the vote_tally cache that migration
 * 0004's triggers keep in the same statement as every ballot write (`check`
 * compares it with the aggregate of the ballot rows); the rule itself is
 * shared/domain/tally.ts. Each item's outcome is kept on its row at closing
 * and after every amendment.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { CHOICES, type voteTally } from '../../../shared/contract/votes';
import { formatHundredths } from '../../../shared/domain/area';
import {
  legalBasis, percent, tallyItem, type CountArea, type ItemCounts,
} from '../../../shared/domain/tally';
import type { Sqlite } from '../../db/connection';
import { checkedRow, checkedRows, countOf } from '../../db/rows';
import { voteItems } from '../../db/schema/votes';
import type { ServiceContext } from '../context';
import { voteRow, voteSettingsOf } from './vote-record';

type VoteTally = z.output<typeof voteTally>;

const dec = (n: number) => formatHundredths(n);
const out = (c: CountArea) => ({ count: c.count, area: dec(c.area) });

/** The current choices' totals from the ballot rows themselves: what vote_tally must always equal. */
const AGGREGATE = `select item_id, valid, choice, count(*), sum(area) from ballot_choices
  where vote_id = ? and current = 1 group by item_id, valid, choice`;

const THRESHOLDS = ['majority', 'three-quarters'] as const;
/** A vote item as the tally reads it (its electorate as count and area). */
const TALLY_ITEM = z.object({
  id: z.string(), title: z.string(), category: z.number().int(), categoryName: z.string(), threshold: z.enum(THRESHOLDS), scopeLabel: z.string(),
  count: z.number().int(), area: z.number().int(),
});
/** A row of the vote_tally cache: item, valid (0/1), choice, count, area. */
const CACHED = z.tuple([z.string(), z.number().int(), z.enum(CHOICES), z.number().int(), z.number().int()]);

/**
 * The totals a tally rests on, from the vote_tally cache the triggers of migration 0004 keep. Raw statements with
 * checked rows, not the query builder: the tally is the hot read of a vote (a million ballots in the database),
 * and the bench measured the builder's cost on it (README; the rows are a dozen).
 */
export function tallyCounts(ctx: ServiceContext, voteId: string) {
  const items = checkedRows(TALLY_ITEM, ctx.sqlite.prepare(`select id, title, category, category_name as categoryName, threshold, scope_label as scopeLabel,
    electorate_count as count, electorate_area as area from vote_items where vote_id = ? order by position`).all(voteId));
  const rows = checkedRows(CACHED, ctx.sqlite.prepare(`select t.item_id, t.valid, t.choice, t.count, t.area from vote_tally t join vote_items i on i.id = t.item_id
    where i.vote_id = ? and t.count > 0`).raw().all(voteId));
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

/** A row of totals as both sides read it: item, valid (0/1), choice, count, area — all integers but the ids and choice. */
const TOTALS = z.tuple([z.string(), z.number().int(), z.string(), z.number().int(), z.number().int()]);

/** Votes whose vote_tally cache differs from the aggregate of their ballot rows (a program error; `check` reports it). */
export function voteTallyMismatches(sqlite: Sqlite): string[] {
  const aggregate = sqlite.prepare(AGGREGATE).raw();
  const cached = sqlite.prepare(`select t.item_id, t.valid, t.choice, t.count, t.area from vote_tally t join vote_items i on i.id = t.item_id
    where i.vote_id = ? and t.count != 0`).raw();
  const key = (r: z.output<typeof TOTALS>) => JSON.stringify(r);
  return checkedRows(z.string(), sqlite.prepare('select id from votes').pluck().all()).filter((voteId) => {
    const a = new Set(checkedRows(TOTALS, aggregate.all(voteId)).map(key));
    const c = checkedRows(TOTALS, cached.all(voteId)).map(key);
    return a.size !== c.length || c.some((k) => !a.has(k));
  });
}

/** A vote's current ballots: how many were returned, and how many of them are valid. */
export function ballotCounts(ctx: ServiceContext, voteId: string): { returned: number; valid: number } {
  return checkedRow(BALLOT_COUNTS, ctx.sqlite.prepare('select count(*) as returned, coalesce(sum(valid), 0) as valid from ballots where vote_id = ? and superseded_by is null')
    .get(voteId))!;
}
const BALLOT_COUNTS = z.object({ returned: z.number().int(), valid: z.number().int() });

/** How many voting subjects the vote's frozen electorate has. */
export function subjectCount(ctx: ServiceContext, voteId: string): number {
  return countOf(ctx.sqlite.prepare('select count(*) from vote_subjects where vote_id = ?').pluck().get(voteId));
}

export function tallyVote(ctx: ServiceContext, voteId: string): VoteTally {
  const row = voteRow(ctx, voteId);
  const settings = voteSettingsOf(row);
  const { items, byItem } = tallyCounts(ctx, voteId);
  const b = ballotCounts(ctx, voteId);
  return {
    voteId, status: row.status, settings,
    ballots: { returned: b.returned, valid: b.valid, invalid: b.returned - b.valid, subjects: subjectCount(ctx, voteId) },
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
  for (const item of tally.items) ctx.db.update(voteItems).set({ passed: item.passed }).where(eq(voteItems.id, item.itemId)).run();
}
