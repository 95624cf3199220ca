/** The electorate of a scope: parts and current owners from SQL, counted by the pure rule in shared/. */
import { formatHundredths } from '../../shared/domain/area';
import { computeElectorate, type ElectoratePart } from '../../shared/domain/electorate';
import type { DeliveryStatus, PartType } from '../../shared/domain/register';
import { getCommunity } from './communities';
import type { ServiceContext } from './context';
import { scopeCondition, type Scope } from './roster-query';

/** One row per part with its current owners' ids (sorted, comma-joined). */
export function electorateParts(ctx: ServiceContext, scope: Scope): ElectoratePart[] {
  const cond = scopeCondition(ctx, scope);
  const rows = ctx.sqlite
    .prepare(`select p.id, p.type, p.area, p.delivery_status as status,
                     (select group_concat(person_id) from ownerships o where o.part_id = p.id and o.end_date is null) as owners
              from parts p where ${cond.sql}`)
    .raw()
    .all(...cond.args) as [string, string, number, string, string | null][];
  return rows.map(([id, type, area, status, owners]) => ({
    id, type: type as PartType, area, deliveryStatus: status as DeliveryStatus,
    ownerIds: owners ? owners.split(',') : [],
  }));
}

export function electorateOf(ctx: ServiceContext, scope: Scope) {
  const { settings } = getCommunity(ctx, scope.communityId);
  const parts = electorateParts(ctx, scope);
  const e = computeElectorate(parts, { countParking: settings.countParkingInVotes });
  const b = e.breakdown;
  return {
    count: e.count,
    area: formatHundredths(e.area),
    parts: parts.length,
    countParking: settings.countParkingInVotes,
    breakdown: {
      ...b,
      excludedParking: { parts: b.excludedParking.parts, area: formatHundredths(b.excludedParking.area) },
      developer: { parts: b.developer.parts, area: formatHundredths(b.developer.area) },
    },
  };
}
