/**
 * What the fund's statements and notices print: each household's movement
 * over a period (opening, deposits, earnings, charges, transfers, closing),
 * the fund's summary for the period with its month-end balances for the chart.
 * One aggregate over the lines each; the period is inclusive.
 */
import type { z } from 'zod';
import { AppError } from '../../shared/contract/errors';
import type { statementQuery } from '../../shared/contract/treasury';
import { formatHundredths } from '../../shared/domain/area';
import { fenToCapitals, fenToYuan } from '../../shared/domain/money';
import { getCommunity } from './communities';
import type { ServiceContext } from './context';

interface Movement { opening: number; deposited: number; earnings: number; charges: number; transfers: number; closing: number }

const MOVEMENT = `coalesce(sum(case when l.date < @from then -l.amount end), 0) as opening,
  coalesce(sum(case when l.date >= @from and l.category = 'deposit' then -l.amount end), 0) as deposited,
  coalesce(sum(case when l.date >= @from and l.category = 'earning' then -l.amount end), 0) as earnings,
  coalesce(sum(case when l.date >= @from and l.category = 'charge' then l.amount end), 0) as charges,
  coalesce(sum(case when l.date >= @from and l.category = 'transfer' then -l.amount end), 0) as transfers,
  coalesce(sum(-l.amount), 0) as closing`;

const movementOut = (m: Movement) => ({
  opening: fenToYuan(m.opening), deposited: fenToYuan(m.deposited), earnings: fenToYuan(m.earnings), charges: fenToYuan(m.charges),
  transfers: fenToYuan(m.transfers), closing: fenToYuan(m.closing), closingCapitals: fenToCapitals(m.closing),
});

/** Household statements for one part or every part of the community, address order. */
export function householdStatements(ctx: ServiceContext, q: z.output<typeof statementQuery>) {
  if (q.to < q.from) throw new AppError('VALIDATION', `结束日期 ${q.to} 早于开始日期 ${q.from}`);
  const community = getCommunity(ctx, q.communityId);
  const rows = ctx.sqlite.prepare(`select p.id as partId, p.address, p.area, p.owner_names as owners, ${MOVEMENT}
    from parts p left join journal_lines l on l.part_id = p.id and l.date <= @to
    where p.community_id = @communityId ${q.partId ? 'and p.id = @partId' : ''} group by p.id order by p.sort_key`)
    .all({ communityId: q.communityId, from: q.from, to: q.to, ...(q.partId ? { partId: q.partId } : {}) }) as (Movement & { partId: string; address: string; area: number; owners: string })[];
  if (q.partId && rows.length === 0) throw new AppError('NOT_FOUND', '找不到这个房屋');
  return {
    community: community.name, from: q.from, to: q.to,
    statements: rows.map((r) => ({ partId: r.partId, address: r.address, area: formatHundredths(r.area), owners: r.owners, ...movementOut(r) })),
  };
}

/** The fund over a period: totals, by building, and the balance at each month's end (for the chart). */
export function fundSummary(ctx: ServiceContext, q: { communityId: string; from: string; to: string }) {
  if (q.to < q.from) throw new AppError('VALIDATION', `结束日期 ${q.to} 早于开始日期 ${q.from}`);
  const community = getCommunity(ctx, q.communityId);
  const params = { communityId: q.communityId, from: q.from, to: q.to };
  const total = ctx.sqlite.prepare(`select ${MOVEMENT} from journal_lines l where l.community_id = @communityId and l.part_id is not null and l.date <= @to`).get(params) as Movement;
  const byBuilding = ctx.sqlite.prepare(`select b.name as building, count(distinct p.id) as parts, ${MOVEMENT}
    from parts p join buildings b on b.id = p.building_id left join journal_lines l on l.part_id = p.id and l.date <= @to
    where p.community_id = @communityId group by b.id order by b.sort_key`).all(params) as (Movement & { building: string; parts: number })[];
  const monthly = ctx.sqlite.prepare(`select substr(date, 1, 7) as month, sum(-amount) as movement from journal_lines
    where community_id = @communityId and part_id is not null and date <= @to group by month order by month`).all(params) as { month: string; movement: number }[];
  let running = 0;
  const history = monthly.map((m) => ({ month: m.month, balance: (running += m.movement) })).filter((m) => m.month >= q.from.slice(0, 7));
  return {
    community: community.name, from: q.from, to: q.to, ...movementOut(total),
    byBuilding: byBuilding.map((b) => ({ building: b.building, parts: b.parts, ...movementOut(b) })),
    history: history.map((h) => ({ month: h.month, balance: fenToYuan(h.balance) })),
  };
}
