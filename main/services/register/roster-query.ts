/**
 * Reading the roster: the paged, sorted, filtered table (all in SQL, so that a
 * 20,000-part community stays fast), current owners of parts, and scopes.
 */
import { AppError } from '../../../shared/contract/errors';
import { formatHundredths } from '../../../shared/domain/area';
import type { AreaSource, DeliveryStatus, PartType } from '../../../shared/domain/register';
import { getCommunity } from './communities';
import type { ServiceContext } from '../context';
import { containsPattern, maskOwner, type MaskedOwner } from './persons';
import { searchHashes } from '../../security/personal-data';

export interface Scope {
  communityId: string;
  buildingId?: string | undefined;
  entranceId?: string | undefined;
}

/** SQL condition on `p` (parts) for a scope; checks that the building/entrance belong to the community. */
export function scopeCondition(ctx: ServiceContext, scope: Scope): { sql: string; args: unknown[] } {
  getCommunity(ctx, scope.communityId);
  const clauses = ['p.community_id = ?'];
  const args: unknown[] = [scope.communityId];
  if (scope.buildingId) {
    const b = ctx.sqlite.prepare('select 1 from buildings where id = ? and community_id = ?').get(scope.buildingId, scope.communityId);
    if (!b) throw new AppError('NOT_FOUND', '找不到这个楼栋');
    clauses.push('p.building_id = ?');
    args.push(scope.buildingId);
  }
  if (scope.entranceId) {
    const e = ctx.sqlite
      .prepare('select 1 from entrances e join buildings b on b.id = e.building_id where e.id = ? and b.community_id = ?')
      .get(scope.entranceId, scope.communityId);
    if (!e) throw new AppError('NOT_FOUND', '找不到这个单元');
    clauses.push('p.entrance_id = ?');
    args.push(scope.entranceId);
  }
  return { sql: clauses.join(' and '), args };
}

/** Current owners (masked) of the given parts, in name order. */
export function currentOwners(ctx: ServiceContext, partIds: readonly string[]): Map<string, MaskedOwner[]> {
  const result = new Map<string, MaskedOwner[]>();
  if (partIds.length === 0) return result;
  const rows = ctx.sqlite
    .prepare(`select o.part_id as partId, ps.id, ps.name, ps.document_masked as documentMasked, ps.phone_masked as phoneMasked
              from ownerships o join persons ps on ps.id = o.person_id
              where o.end_date is null and o.part_id in (select value from json_each(?))
              order by ps.name, ps.id`)
    .all(JSON.stringify(partIds)) as { partId: string; id: string; name: string; documentMasked: string | null; phoneMasked: string | null }[];
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

const ORDER: Record<RosterQuery['sort'], string> = {
  address: 'p.sort_key',
  area: 'p.area',
  type: 'p.type',
  deliveryStatus: 'p.delivery_status',
  owner: 'p.owner_names',
};

/**
 * Search by address, owner name, the visible digits of a masked phone or document, or a full phone or
 * document number (found through the owners' keyed hashes); sort and page in SQL.
 */
export function rosterPage(ctx: ServiceContext, q: RosterQuery) {
  const scope = scopeCondition(ctx, q);
  const where = [scope.sql];
  const args = [...scope.args];
  if (q.type) { where.push('p.type = ?'); args.push(q.type); }
  if (q.deliveryStatus) { where.push('p.delivery_status = ?'); args.push(q.deliveryStatus); }
  if (q.search !== '') {
    // search_text holds the address and the current owners' names, masked phones and documents (see part-cache.ts);
    // a full number is matched on its hash, through the persons' indexes, to the parts they hold now.
    where.push(`(p.search_text like ? escape '\\' or p.id in (select o.part_id from persons ps join ownerships o on o.person_id = ps.id
      where ps.community_id = ? and o.end_date is null
      and (ps.document_hash in (select value from json_each(?)) or ps.phone_hash in (select value from json_each(?)))))`);
    const hashes = JSON.stringify(searchHashes(ctx.keys, q.search));
    args.push(containsPattern(q.search), q.communityId, hashes, hashes);
  }
  const clause = where.join(' and ');
  const total = (ctx.sqlite.prepare(`select count(*) as n from parts p where ${clause}`).get(...args) as { n: number }).n;
  const dir = q.desc ? 'desc' : 'asc';
  const rows = ctx.sqlite
    .prepare(`select p.id, p.address, b.name as building, e.name as entrance, p.room, p.type, p.area,
                     p.area_source as areaSource, p.delivery_status as deliveryStatus
              from parts p join buildings b on b.id = p.building_id left join entrances e on e.id = p.entrance_id
              where ${clause} order by ${ORDER[q.sort]} ${dir}, p.sort_key ${dir} limit ? offset ?`)
    .all(...args, q.limit, q.offset) as {
      id: string; address: string; building: string; entrance: string | null; room: string; type: string;
      area: number; areaSource: string; deliveryStatus: string;
    }[];
  const owners = currentOwners(ctx, rows.map((r) => r.id));
  return {
    total,
    rows: rows.map((r) => ({
      partId: r.id, address: r.address, building: r.building, entrance: r.entrance, room: r.room,
      type: r.type as PartType, area: formatHundredths(r.area), areaSource: r.areaSource as AreaSource,
      deliveryStatus: r.deliveryStatus as DeliveryStatus, owners: owners.get(r.id) ?? [],
    })),
  };
}
