/** The electorate of a scope: parts and current owners from SQL, counted by the pure rule in shared/. */
import { z } from 'zod';
import { formatHundredths } from '../../../shared/domain/area';
import { electorateFromCounts, type ElectorateCounts, type ElectoratePart } from '../../../shared/domain/electorate';
import { DELIVERY_STATUSES, PART_TYPES } from '../../../shared/domain/register';
import { checkedRow, checkedRows, oneOf } from '../../db/rows';
import { getCommunity } from './communities';
import type { ServiceContext } from '../context';
import { scopeCondition, type Scope } from './roster-query';

/** A part as the electorate reads it: id, type, area, delivery status, owner_key. */
const electorateRow = z.tuple([z.string(), z.string(), z.number(), z.string(), z.string()]);

/**
 * One row per part with its current owners' ids, from the owner_key cache: one scan. Raw SQL, its rows checked:
 * for a whole 20,000-part community drizzle's row mapping cost more CPU than this check (issue 14, median of 15:
 * about 105 ms against 85 ms; the unchecked rows took 45 ms).
 */
export function electorateParts(ctx: ServiceContext, scope: Scope): ElectoratePart[] {
  const cond = scopeCondition(ctx, scope);
  const rows = checkedRows(electorateRow, ctx.sqlite
    .prepare(`select p.id, p.type, p.area, p.delivery_status, p.owner_key from parts p where ${cond.sql}`)
    .raw()
    .all(...cond.args));
  return rows.map(([id, type, area, status, ownerKey]) => ({
    id, type: oneOf(PART_TYPES, type, 'parts.type'), area, deliveryStatus: oneOf(DELIVERY_STATUSES, status, 'parts.delivery_status'),
    ownerIds: ownerKey === '' ? [] : ownerKey.split(','),
  }));
}

const total = z.object({
  n: z.number(), parkingParts: z.number(), parkingArea: z.number(), devParts: z.number(), devArea: z.number(),
  withoutOwner: z.number(), coOwned: z.number(), countedArea: z.number(),
});
const grouped = z.object({ subjects: z.number(), multi: z.number(), multiParts: z.number() });

/**
 * The rule's counts, aggregated by SQLite. Handing 20,000 rows to JavaScript
 * costs more than the 50 ms the screens may take on an office PC; SQLite
 * aggregates them in a fraction of that. The grouping key is the owner_key
 * cache (sorted owner ids), so "the same owner set is one person" is exactly
 * the pure rule's; tests/integration/electorate-sql.test.ts proves the result
 * equal to computeElectorate on random registers.
 */
export function electorateCounts(ctx: ServiceContext, scope: Scope, countParking: boolean): ElectorateCounts {
  const cond = scopeCondition(ctx, scope);
  const cp = countParking ? 1 : 0;
  const inScope = `select area, owner_key, (type = '车位' and not ${cp}) as parking, (delivery_status != '已交付') as dev
                 from parts p where ${cond.sql}`;
  const t = checkedRow(total, ctx.sqlite
    .prepare(`select count(*) as n,
                coalesce(sum(parking), 0) as parkingParts,
                coalesce(sum(case when parking then area else 0 end), 0) as parkingArea,
                coalesce(sum(not parking and dev), 0) as devParts,
                coalesce(sum(case when not parking and dev then area else 0 end), 0) as devArea,
                coalesce(sum(not parking and not dev and owner_key = ''), 0) as withoutOwner,
                coalesce(sum(not parking and not dev and instr(owner_key, ',') > 0), 0) as coOwned,
                coalesce(sum(case when not parking then area else 0 end), 0) as countedArea
              from (${inScope})`)
    .get(...cond.args))!;
  const g = checkedRow(grouped, ctx.sqlite
    .prepare(`select count(*) as subjects, coalesce(sum(k > 1), 0) as multi, coalesce(sum(case when k > 1 then k else 0 end), 0) as multiParts
              from (select count(*) as k from (${inScope}) where not parking and not dev and owner_key != '' group by owner_key)`)
    .get(...cond.args))!;
  return {
    partsInScope: t.n,
    excludedParking: { parts: t.parkingParts, area: t.parkingArea },
    developer: { parts: t.devParts, area: t.devArea },
    withoutOwner: t.withoutOwner,
    coOwnedParts: t.coOwned,
    countedArea: t.countedArea,
    ownerSubjects: g.subjects,
    multiPartSubjects: { subjects: g.multi, parts: g.multiParts },
  };
}

export function electorateOf(ctx: ServiceContext, scope: Scope) {
  const { settings } = getCommunity(ctx, scope.communityId);
  const counts = electorateCounts(ctx, scope, settings.countParkingInVotes);
  const e = electorateFromCounts(counts);
  const b = e.breakdown;
  return {
    count: e.count,
    area: formatHundredths(e.area),
    parts: counts.partsInScope,
    countParking: settings.countParkingInVotes,
    breakdown: {
      ...b,
      excludedParking: { parts: b.excludedParking.parts, area: formatHundredths(b.excludedParking.area) },
      developer: { parts: b.developer.parts, area: formatHundredths(b.developer.area) },
    },
  };
}
