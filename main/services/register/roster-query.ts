/**
 * Reading the roster: the paged, sorted, filtered table (all in SQL, so that a
 * 20,000-part community stays fast), current owners of parts, and scopes.
 */
import { and, asc, count, desc, eq, inArray, isNull, or, type SQL, type SQLWrapper } from 'drizzle-orm';
import { AppError } from '../../../shared/contract/errors';
import { formatHundredths } from '../../../shared/domain/area';
import { AREA_SOURCES, DELIVERY_STATUSES, PART_TYPES, type DeliveryStatus, type PartType } from '../../../shared/domain/register';
import { oneOf } from '../../db/rows';
import { buildings, entrances, ownerships, parts, persons } from '../../db/schema/register';
import { getCommunity } from './communities';
import type { ServiceContext } from '../context';
import { containsPattern, inJsonArray, likeLiterally, maskOwner, type MaskedOwner } from './persons';
import { searchHashes } from '../../security/personal-data';

export interface Scope {
  communityId: string;
  buildingId?: string | undefined;
  entranceId?: string | undefined;
}

/** Refuses a scope whose building or entrance is not of its community (or a community that is not there). */
function checkScope(ctx: ServiceContext, scope: Scope): void {
  getCommunity(ctx, scope.communityId);
  if (scope.buildingId) {
    const b = ctx.db.select({ id: buildings.id }).from(buildings)
      .where(and(eq(buildings.id, scope.buildingId), eq(buildings.communityId, scope.communityId))).get();
    if (!b) throw new AppError('NOT_FOUND', '找不到这个楼栋');
  }
  if (scope.entranceId) {
    const e = ctx.db.select({ id: entrances.id }).from(entrances).innerJoin(buildings, eq(buildings.id, entrances.buildingId))
      .where(and(eq(entrances.id, scope.entranceId), eq(buildings.communityId, scope.communityId))).get();
    if (!e) throw new AppError('NOT_FOUND', '找不到这个单元');
  }
}

/**
 * Raw SQL condition on `p` (parts) for a scope, for the electorate's reads that stay raw SQL
 * (electorate.ts); checks that the building/entrance belong to the community.
 */
export function scopeCondition(ctx: ServiceContext, scope: Scope): { sql: string; args: unknown[] } {
  checkScope(ctx, scope);
  const clauses = ['p.community_id = ?'];
  const args: unknown[] = [scope.communityId];
  if (scope.buildingId) { clauses.push('p.building_id = ?'); args.push(scope.buildingId); }
  if (scope.entranceId) { clauses.push('p.entrance_id = ?'); args.push(scope.entranceId); }
  return { sql: clauses.join(' and '), args };
}

/** The same condition on `parts` for drizzle's query builder. */
export function scopeFilter(ctx: ServiceContext, scope: Scope): SQL {
  checkScope(ctx, scope);
  return and(
    eq(parts.communityId, scope.communityId),
    scope.buildingId ? eq(parts.buildingId, scope.buildingId) : undefined,
    scope.entranceId ? eq(parts.entranceId, scope.entranceId) : undefined,
  )!;
}

/** Current owners (masked) of the given parts, in name order. */
export function currentOwners(ctx: ServiceContext, partIds: readonly string[]): Map<string, MaskedOwner[]> {
  const result = new Map<string, MaskedOwner[]>();
  if (partIds.length === 0) return result;
  const rows = ctx.db
    .select({ partId: ownerships.partId, id: persons.id, name: persons.name, documentMasked: persons.documentMasked, phoneMasked: persons.phoneMasked })
    .from(ownerships).innerJoin(persons, eq(persons.id, ownerships.personId))
    .where(and(isNull(ownerships.endDate), inJsonArray(ownerships.partId, partIds)))
    .orderBy(persons.name, persons.id).all();
  for (const r of rows) {
    let list = result.get(r.partId);
    if (!list) result.set(r.partId, (list = []));
    list.push(maskOwner(r));
  }
  return result;
}

export interface RosterQuery extends Scope {
  search: string;
  type?: PartType | undefined;
  deliveryStatus?: DeliveryStatus | undefined;
  sort: 'address' | 'area' | 'type' | 'deliveryStatus' | 'owner';
  desc: boolean;
  offset: number;
  limit: number;
}

const ORDER = {
  address: parts.sortKey,
  area: parts.area,
  type: parts.type,
  deliveryStatus: parts.deliveryStatus,
  owner: parts.ownerNames,
} satisfies Record<RosterQuery['sort'], SQLWrapper>;

/**
 * Search by address, owner name, the visible digits of a masked phone or document, or a full phone or
 * document number (found through the owners' keyed hashes); sort and page in SQL.
 */
export function rosterPage(ctx: ServiceContext, q: RosterQuery) {
  let search: SQL | undefined;
  const scope = scopeFilter(ctx, q);
  if (q.search !== '') {
    // search_text holds the address and the current owners' names, masked phones and documents (see part-cache.ts);
    // a full number is matched on its hash, through the persons' indexes, to the parts they hold now.
    const hashes = JSON.stringify(searchHashes(ctx.keys, q.search));
    search = or(
      likeLiterally(parts.searchText, containsPattern(q.search)),
      inArray(parts.id, ctx.db.select({ partId: ownerships.partId }).from(persons).innerJoin(ownerships, eq(ownerships.personId, persons.id))
        .where(and(eq(persons.communityId, q.communityId), isNull(ownerships.endDate),
          or(inJsonArray(persons.documentHash, hashes), inJsonArray(persons.phoneHash, hashes))))),
    );
  }
  const where = and(
    scope,
    q.type ? eq(parts.type, q.type) : undefined,
    q.deliveryStatus ? eq(parts.deliveryStatus, q.deliveryStatus) : undefined,
    search,
  );
  const total = ctx.db.select({ n: count() }).from(parts).where(where).get()!.n;
  const dir = q.desc ? desc : asc;
  const rows = ctx.db
    .select({
      id: parts.id, address: parts.address, building: buildings.name, entrance: entrances.name, room: parts.room, type: parts.type,
      area: parts.area, areaSource: parts.areaSource, deliveryStatus: parts.deliveryStatus,
    })
    .from(parts).innerJoin(buildings, eq(buildings.id, parts.buildingId)).leftJoin(entrances, eq(entrances.id, parts.entranceId))
    .where(where).orderBy(dir(ORDER[q.sort]), dir(parts.sortKey)).limit(q.limit).offset(q.offset).all();
  const owners = currentOwners(ctx, rows.map((r) => r.id));
  return {
    total,
    rows: rows.map((r) => ({
      partId: r.id, address: r.address, building: r.building, entrance: r.entrance, room: r.room,
      type: oneOf(PART_TYPES, r.type, 'parts.type'), area: formatHundredths(r.area),
      areaSource: oneOf(AREA_SOURCES, r.areaSource, 'parts.area_source'),
      deliveryStatus: oneOf(DELIVERY_STATUSES, r.deliveryStatus, 'parts.delivery_status'), owners: owners.get(r.id) ?? [],
    })),
  };
}
