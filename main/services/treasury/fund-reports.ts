/**
 * What the fund's statements and notices print: each household's period
 * (opening, totals, every dated movement in the owner's words, closing), the
 * fund's summary for the period with its month-end balances for the chart.
 * The period is inclusive.
 */
import { and, eq, exists, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import type { movementKind as movementKindSchema, statementQuery } from '../../../shared/contract/treasury/reports';
import { formatHundredths } from '../../../shared/domain/area';
import { daysBetween } from '../../../shared/domain/ledger';
import { fenToCapitals, fenToYuan } from '../../../shared/domain/money';
import { checkedRows, checkedTuples, type CellValues } from '../../db/rows';
import { buildings } from '../../db/schema/register';
import { journalEntries, journalLines, repairProjects } from '../../db/schema/treasury';
import { getCommunity } from '../register/communities';
import type { ServiceContext } from '../context';
import { balanceDaysOfLine, earningsPeriodOf } from './fund';
import { accountByRole } from './ledger';
import { transferPeriodOf } from './revenue';

// The statements' aggregates over the sub-ledger lines (a million in `npm run bench`) stay raw SQL, their rows checked.
const fen = z.number().int();
const movement = z.object({ opening: fen, deposited: fen, earnings: fen, charges: fen, transfers: fen, closing: fen });
type Movement = z.output<typeof movement>;

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

type Kind = z.output<typeof movementKindSchema>;

/** What the books say about a sub-ledger line (for a reversal: about the line it reverses). */
interface LineFacts { entryKind: string; category: string | null; claim: number; project: string | null; fromRevenue: number }

/**
 * The one mapping from the books to the movements an owner reads. A new kind
 * of fund line (interest shared from a booked receipt, say) is named here and
 * in the contract's movementKind, and every statement follows.
 */
export function movementKind(l: LineFacts): Kind {
  if (l.entryKind === 'opening') return 'opening';
  switch (l.category) {
    case 'deposit': return l.claim ? 'claim' : 'deposit';
    case 'earning': return 'interest';
    case 'charge': return l.project !== null ? 'repair' : 'charge';
    default: return l.fromRevenue ? 'revenue' : 'transfer';
  }
}

/** An entry with lines in the statements, as the books have it. */
interface EntryFacts {
  id: string; number: number; kind: string; memo: string; reference: string; reason: string; claim: number; project: string | null; fromRevenue: number;
  /** The entry a reversal reverses (a reversal carries its original's lines, project and reference; not its claim). */
  oNumber: number | null; oDate: string | null; oKind: string | null; oClaim: number;
}

/**
 * A statement line, from the sub-ledger: [part, entry, date, number, amount into the sub-ledger, category]. A whole
 * community's statements read 900,000 of them in `npm run bench -- fund`, so they are checked cell by cell
 * (`checkedTuples`), not by a zod schema per row (seconds more).
 */
const LINE = ['text', 'text', 'text', 'integer', 'integer', 'text?'] as const;
type Line = CellValues<typeof LINE>;

/** An interest sharing's period and, as it saw the books, each part's balance × days and their total (parts above zero). */
interface InterestBasis { start: string; end: string; days: number; amount: number; total: number; weights: Map<string, number> }

/**
 * The basis of interest sharings, in one pass over the sub-ledgers whatever
 * their number (a bank credits interest quarterly): every part's balance ×
 * days over each sharing's period, counting only the lines posted before the
 * sharing (what it weighed; a deposit back-dated later would change today's
 * figures), by balanceDayWeights's rule.
 */
function interestBases(ctx: ServiceContext, communityId: string, sharings: readonly (EntryFacts & { start: string; end: string })[]) {
  const bases = new Map<string, InterestBasis>();
  if (sharings.length === 0) return bases;
  const params: Record<string, string | number> = { communityId, last: sharings.reduce((m, x) => (x.end > m ? x.end : m), '') };
  const columns = sharings.map((x, k) => {
    Object.assign(params, { [`s${k}`]: x.start, [`e${k}`]: x.end, [`d${k}`]: daysBetween(x.start, x.end) + 1, [`n${k}`]: x.number });
    return `sum(case when number < @n${k} and date <= @e${k} then ${balanceDaysOfLine(`@s${k}`, `@e${k}`, `@d${k}`)} end)`;
  });
  // [part, its balance × days in each sharing's period (null: no line in it)]
  // Checked cell by cell: a row per part (20,000) with a column per sharing, where a zod schema per row costs tenths of a second.
  const cells: ['text', ...'integer?'[]] = ['text', ...sharings.map(() => 'integer?' as const)];
  const rows = checkedTuples(cells, ctx.sqlite.prepare(`select part_id, ${columns.join(', ')} from journal_lines
    where community_id = @communityId and part_id is not null and date <= @last group by part_id`).raw().all(params));
  const amount = (entryId: string) => ctx.db.select({ amount: sql<number>`-sum(${journalLines.amount})` }).from(journalLines)
    .where(and(eq(journalLines.entryId, entryId), isNotNull(journalLines.partId))).get()!.amount;
  sharings.forEach((x, k) => {
    const positive = rows.flatMap(([part, ...weights]) => {
      const weight = weights[k] ?? null;
      return weight !== null && weight > 0 ? [[part, weight] as const] : [];
    });
    bases.set(x.id, {
      start: x.start, end: x.end, days: daysBetween(x.start, x.end) + 1, amount: amount(x.id),
      total: positive.reduce((sum, [, w]) => sum + w, 0), weights: new Map(positive),
    });
  });
  return bases;
}

/**
 * Household statements (分户对账单) for one part, one building or every part of
 * the community, address order: the opening and closing balance with the
 * period's totals, and each dated movement with the balance after it. However
 * many parts: one aggregate for the balances, one walk of the period's lines
 * through the part index, the entries they belong to once each, and one pass
 * for the basis of every interest sharing among them.
 */
export function householdStatements(ctx: ServiceContext, q: z.output<typeof statementQuery>) {
  if (q.to < q.from) throw new AppError('VALIDATION', `结束日期 ${q.to} 早于开始日期 ${q.from}`);
  const community = getCommunity(ctx, q.communityId);
  if (q.buildingId && !ctx.db.select({ id: buildings.id }).from(buildings).where(and(eq(buildings.id, q.buildingId), eq(buildings.communityId, q.communityId))).get()) {
    throw new AppError('NOT_FOUND', '找不到本小区的这个楼栋');
  }
  const scope = q.partId ? 'and p.id = @partId' : q.buildingId ? 'and p.building_id = @buildingId' : '';
  const params = {
    communityId: q.communityId, from: q.from, to: q.to,
    ...(q.partId ? { partId: q.partId } : q.buildingId ? { buildingId: q.buildingId } : {}),
  };
  const rows = checkedRows(statementRow, ctx.sqlite.prepare(`select p.id as partId, p.address, p.area, p.owner_names as owners, b.name as building, ${MOVEMENT}
    from parts p join buildings b on b.id = p.building_id left join journal_lines l on l.part_id = p.id and l.date <= @to
    where p.community_id = @communityId ${scope} group by p.id order by p.sort_key`).all(params));
  if (q.partId && rows.length === 0) throw new AppError('NOT_FOUND', '找不到这个房屋');

  const lines = checkedTuples(LINE, ctx.sqlite.prepare(`select l.part_id, l.entry_id, l.date, l.number, -l.amount, l.category
    from parts p join journal_lines l on l.part_id = p.id and l.date >= @from and l.date <= @to
    where p.community_id = @communityId ${scope} order by p.sort_key, l.date, l.number, l.id`).raw().all(params));
  const entries = new Map(entryFacts(ctx, q.communityId, [...new Set(lines.map((l) => l[1]))]).map((e) => [e.id, e]));

  // What each entry's lines say (by category: an opening has several), worked out once however many parts it reached.
  const said = new Map<string, ReturnType<typeof describe>>();
  const sayOf = (entry: EntryFacts, category: string | null) => {
    const key = `${entry.id}|${category ?? ''}`;
    let what = said.get(key);
    if (!what) said.set(key, (what = describe(entry, category)));
    return what;
  };
  const shared = new Set(lines.flatMap((l) => (l[5] === 'earning' ? [l[1]] : [])));
  const sharings = [...shared].flatMap((id) => {
    const e = entries.get(id)!;
    const what = sayOf(e, 'earning');
    return what.kind === 'interest' && !what.reverses && what.period ? [{ ...e, start: what.period.from, end: what.period.to }] : [];
  });
  const bases = interestBases(ctx, q.communityId, sharings);

  const byPart = new Map<string, Line[]>();
  for (const l of lines) {
    const list = byPart.get(l[0]);
    if (list) list.push(l);
    else byPart.set(l[0], [l]);
  }
  return {
    community: community.name, from: q.from, to: q.to,
    statements: rows.map((r) => {
      let balance = r.opening;
      const movements = (byPart.get(r.partId) ?? []).map(([partId, entryId, date, number, amount, category]) => {
        balance += amount;
        const what = sayOf(entries.get(entryId)!, category);
        const basis = what.kind === 'interest' && !what.reverses ? bases.get(entryId) : undefined;
        return {
          date, number, ...what, amount: fenToYuan(amount), balance: fenToYuan(balance),
          basis: basis ? { days: basis.days, part: fenToYuan(basis.weights.get(partId) ?? 0), total: fenToYuan(basis.total), amount: fenToYuan(basis.amount) } : null,
        };
      });
      return { partId: r.partId, address: r.address, area: formatHundredths(r.area), owners: r.owners, building: r.building, ...movementOut(r), movements };
    }),
  };
}

const statementRow = movement.extend({ partId: z.string(), address: z.string(), area: fen, owners: z.string(), building: z.string() });

/** What the statements say of these entries (and of the entries they reverse). */
function entryFacts(ctx: ServiceContext, communityId: string, ids: readonly string[]): EntryFacts[] {
  const e = journalEntries;
  const o = alias(journalEntries, 'o');
  const t = alias(journalLines, 't');
  const revenueTransfer = accountByRole(ctx, communityId, 'revenue-transfer').id;
  return ctx.db.select({
    id: e.id, number: e.number, kind: e.kind, memo: e.memo, reference: e.reference, reason: e.reason, claim: sql<number>`${e.settlesId} is not null`,
    project: repairProjects.title,
    fromRevenue: sql<number>`${exists(ctx.db.select({ one: sql`1` }).from(t).where(and(eq(t.entryId, e.id), eq(t.accountId, revenueTransfer))))}`,
    oNumber: o.number, oDate: o.date, oKind: o.kind, oClaim: sql<number>`${o.settlesId} is not null`,
  }).from(e).leftJoin(repairProjects, eq(repairProjects.id, e.projectId)).leftJoin(o, eq(o.id, e.reversesId))
    .where(sql`${e.id} in (select value from json_each(${JSON.stringify(ids)}))`).all();
}

/** A movement's words as the books give them, the same for every part an entry's lines reached. */
function describe(e: EntryFacts, category: string | null) {
  const reversal = e.oNumber !== null;
  // A reversal is the movement it undoes, with the opposite sign.
  const kind = movementKind({ entryKind: e.oKind ?? e.kind, category, claim: reversal ? e.oClaim : e.claim, project: e.project, fromRevenue: e.fromRevenue });
  const interest = kind === 'interest' ? earningsPeriodOf(e.reference, e.memo) : null;
  return {
    kind, category: kind === 'opening' ? category : null, project: kind === 'repair' ? e.project : null,
    period: interest ? { from: interest.start, to: interest.end } : kind === 'revenue' ? transferPeriodOf(e.reference) : null,
    reverses: reversal ? { number: e.oNumber!, date: e.oDate! } : null,
    reason: e.reason, memo: e.memo,
  };
}

/** The fund over a period: totals, by building, and the balance at each month's end (for the chart). */
export function fundSummary(ctx: ServiceContext, q: { communityId: string; from: string; to: string }) {
  if (q.to < q.from) throw new AppError('VALIDATION', `结束日期 ${q.to} 早于开始日期 ${q.from}`);
  const community = getCommunity(ctx, q.communityId);
  const params = { communityId: q.communityId, from: q.from, to: q.to };
  const total = movement.parse(ctx.sqlite.prepare(`select ${MOVEMENT} from journal_lines l where l.community_id = @communityId and l.part_id is not null and l.date <= @to`).get(params));
  const byBuilding = checkedRows(movement.extend({ building: z.string(), parts: fen }), ctx.sqlite.prepare(`select b.name as building, count(distinct p.id) as parts, ${MOVEMENT}
    from parts p join buildings b on b.id = p.building_id left join journal_lines l on l.part_id = p.id and l.date <= @to
    where p.community_id = @communityId group by b.id order by b.sort_key`).all(params));
  const monthly = checkedRows(z.object({ month: z.string(), movement: fen }), ctx.sqlite.prepare(`select substr(date, 1, 7) as month, sum(-amount) as movement from journal_lines
    where community_id = @communityId and part_id is not null and date <= @to group by month order by month`).all(params));
  let running = 0;
  const history = monthly.map((m) => ({ month: m.month, balance: (running += m.movement) })).filter((m) => m.month >= q.from.slice(0, 7));
  return {
    community: community.name, from: q.from, to: q.to, ...movementOut(total),
    byBuilding: byBuilding.map((b) => ({ building: b.building, parts: b.parts, ...movementOut(b) })),
    history: history.map((h) => ({ month: h.month, balance: fenToYuan(h.balance) })),
  };
}
