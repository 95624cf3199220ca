/** The electorate of a scope: parts and current owners from SQL, counted by the pure rule in shared/. */
import { formatHundredths } from '../../../shared/domain/area';
import { electorateFromCounts, type ElectorateCounts, type ElectoratePart } from '../../../shared/domain/electorate';
import type { DeliveryStatus, PartType } from '../../../shared/domain/register';
import { getCommunity } from './communities';
import type { ServiceContext } from '../context';
import { scopeCondition, type Scope } from './roster-query';

/** One row per part with its current owners' ids, from the owner_key cache: one scan. */
export function electorateParts(ctx: ServiceContext, scope: Scope): ElectoratePart[] {
  const cond = scopeCondition(ctx, scope);
  const rows = ctx.sqlite
    .prepare(`select p.id, p.type, p.area, p.delivery_status, p.owner_key from parts p where ${cond.sql}`)
    .raw()
    .all(...cond.args) as [string, string, number, string, string][];
  return rows.map(([id, type, area, status, ownerKey]) => ({
    id, type: type as PartType, area, deliveryStatus: status as DeliveryStatus,
    ownerIds: ownerKey === '' ? [] : ownerKey.split(','),
  }));
}

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
  const parts = `select area, owner_key, (type = '车位' and not ${cp}) as parking, (delivery_status != '已交付') as dev
                 from parts p where ${cond.sql}`;
  const t = ctx.sqlite
    .prepare(`select count(*) as n,
                coalesce(sum(parking), 0) as parkingParts,
                coalesce(sum(case when parking then area else 0 end), 0) as parkingArea,
                coalesce(sum(not parking and dev), 0) as devParts,
                coalesce(sum(case when not parking and dev then area else 0 end), 0) as devArea,
                coalesce(sum(not parking and not dev and owner_key = ''), 0) as withoutOwner,
                coalesce(sum(not parking and not dev and instr(owner_key, ',') > 0), 0) as coOwned,
                coalesce(sum(case when not parking then area else 0 end), 0) as countedArea
              from (${parts})`)
    .get(...cond.args) as Record<string, number>;
  const g = ctx.sqlite
    .prepare(`select count(*) as subjects, coalesce(sum(k > 1), 0) as multi, coalesce(sum(case when k > 1 then k else 0 end), 0) as multiParts
              from (select count(*) as k from (${parts}) where not parking and not dev and owner_key != '' group by owner_key)`)
    .get(...cond.args) as Record<string, number>;
  return {
    partsInScope: t.n!,
    excludedParking: { parts: t.parkingParts!, area: t.parkingArea! },
    developer: { parts: t.devParts!, area: t.devArea! },
    withoutOwner: t.withoutOwner!,
    coOwnedParts: t.coOwned!,
    countedArea: t.countedArea!,
    ownerSubjects: g.subjects!,
    multiPartSubjects: { subjects: g.multi!, parts: g.multiParts! },
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
