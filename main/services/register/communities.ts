/** Communities (小区) and their buildings and entrances. */
import { and, count, eq, sql } from 'drizzle-orm';
import { newId } from '../../db/ids';
import { AppError } from '../../../shared/contract/errors';
import { communitySettings, type CommunitySettings } from '../../../shared/contract/register';
import { formatHundredths } from '../../../shared/domain/area';
import { COMMUNITY_TYPES, type CommunityType } from '../../../shared/domain/levels';
import { naturalKey } from '../../../shared/domain/text';
import { nowIso } from '../../db/clock';
import { buildings, communities, entrances, parts } from '../../db/schema/register';
import { write, type Actor, type ServiceContext } from '../context';
import { refuseStale } from '../record-revisions';

export interface CommunityFields {
  name: string;
  address: string;
  streetOffice: string;
  communityOffice: string;
  developer: string;
  type: CommunityType;
  settings: CommunitySettings;
}

export type Community = CommunityFields & { id: string; revision: number };

function toCommunity(row: typeof communities.$inferSelect): Community {
  return {
    id: row.id, name: row.name, address: row.address, streetOffice: row.streetOffice,
    communityOffice: row.communityOffice, developer: row.developer, type: COMMUNITY_TYPES.find((t) => t === row.type) ?? '其他',
    settings: communitySettings.parse(JSON.parse(row.settings)), revision: row.revision,
  };
}

export function getCommunity(ctx: ServiceContext, id: string): Community {
  const row = ctx.db.select().from(communities).where(eq(communities.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到这个小区，可能已被删除');
  return toCommunity(row);
}

export function findCommunityByName(ctx: ServiceContext, name: string): Community | null {
  const row = ctx.db.select().from(communities).where(eq(communities.name, name.trim())).get();
  return row ? toCommunity(row) : null;
}

export function listCommunities(ctx: ServiceContext) {
  const rows = ctx.db.select({ id: communities.id, parts: count(parts.id), area: sql<number>`coalesce(sum(${parts.area}), 0)` })
    .from(communities).leftJoin(parts, eq(parts.communityId, communities.id)).groupBy(communities.id).all();
  const totals = new Map(rows.map((r) => [r.id, r]));
  return ctx.db.select().from(communities).orderBy(communities.name).all().map((row) => ({
    ...toCommunity(row),
    parts: totals.get(row.id)?.parts ?? 0,
    totalArea: formatHundredths(totals.get(row.id)?.area ?? 0),
  }));
}

function refuseDuplicateName(ctx: ServiceContext, name: string, exceptId?: string): void {
  const other = findCommunityByName(ctx, name);
  if (other && other.id !== exceptId) throw new AppError('REFUSED', `小区“${name}”已存在，请换一个名称`);
}

/** Inside an open write: used by create and by the roster import. */
export function insertCommunity(ctx: ServiceContext, audit: (e: { action: string; entity: string; entityId: string; after: unknown }) => void, fields: CommunityFields): Community {
  refuseDuplicateName(ctx, fields.name);
  const now = nowIso();
  const community: Community = { id: newId(), ...fields, revision: 1 };
  ctx.db.insert(communities).values({ ...community, settings: JSON.stringify(fields.settings), createdAt: now, updatedAt: now }).run();
  audit({ action: 'create', entity: 'community', entityId: community.id, after: community });
  return community;
}

export function createCommunity(ctx: ServiceContext, actor: Actor, fields: CommunityFields): Community {
  return write(ctx, actor, (tx) => insertCommunity(ctx, tx.audit, fields));
}

export function updateCommunity(ctx: ServiceContext, actor: Actor, input: CommunityFields & { id: string; expectedRevision?: number | undefined }): Community {
  return write(ctx, actor, (tx) => {
    const before = getCommunity(ctx, input.id);
    const stored = ctx.db.select({ id: communities.id, revision: communities.revision, updatedAt: communities.updatedAt }).from(communities).where(eq(communities.id, input.id)).get();
    if (stored) refuseStale(ctx, 'community', stored, input.expectedRevision);
    refuseDuplicateName(ctx, input.name, input.id);
    const { id, expectedRevision: _opened, ...fields } = input;
    ctx.db.update(communities).set({ ...fields, settings: JSON.stringify(fields.settings), updatedAt: nowIso() }).where(eq(communities.id, id)).run();
    const after = getCommunity(ctx, id);
    tx.audit({ action: 'update', entity: 'community', entityId: id, before, after });
    return after;
  });
}

export function listBuildings(ctx: ServiceContext, communityId: string) {
  getCommunity(ctx, communityId);
  const buildingRows = ctx.db
    .select({ id: buildings.id, name: buildings.name, parts: ctx.db.$count(parts, eq(parts.buildingId, buildings.id)) })
    .from(buildings).where(eq(buildings.communityId, communityId)).orderBy(buildings.sortKey).all();
  const entranceRows = ctx.db
    .select({ id: entrances.id, name: entrances.name, buildingId: entrances.buildingId })
    .from(entrances).innerJoin(buildings, eq(buildings.id, entrances.buildingId))
    .where(eq(buildings.communityId, communityId)).orderBy(entrances.sortKey).all();
  return buildingRows.map((b) => ({
    ...b,
    entrances: entranceRows.filter((e) => e.buildingId === b.id).map(({ id, name }) => ({ id, name })),
  }));
}

/** The building's id, created if new (inside an open write). */
export function ensureBuilding(ctx: ServiceContext, communityId: string, name: string): string {
  const found = ctx.db.select({ id: buildings.id }).from(buildings).where(and(eq(buildings.communityId, communityId), eq(buildings.name, name))).get();
  if (found) return found.id;
  const id = newId();
  ctx.db.insert(buildings).values({ id, communityId, name, sortKey: naturalKey(name) }).run();
  return id;
}

export function ensureEntrance(ctx: ServiceContext, buildingId: string, name: string): string {
  const found = ctx.db.select({ id: entrances.id }).from(entrances).where(and(eq(entrances.buildingId, buildingId), eq(entrances.name, name))).get();
  if (found) return found.id;
  const id = newId();
  ctx.db.insert(entrances).values({ id, buildingId, name, sortKey: naturalKey(name) }).run();
  return id;
}
