/** Exclusive parts (专有部分) and who holds them. */
import { and, desc, eq, isNull, notExists, sql } from 'drizzle-orm';
import { newId } from '../../db/ids';
import { AppError } from '../../../shared/contract/errors';
import { formatHundredths, parseArea, unusualArea } from '../../../shared/domain/area';
import { AREA_SOURCES, DELIVERY_STATUSES, PART_TYPES, type AreaSource, type DeliveryStatus, type PartType } from '../../../shared/domain/register';
import { addressSortKey, cleanCell, formatAddress } from '../../../shared/domain/text';
import { nowIso } from '../../db/clock';
import { oneOf } from '../../db/rows';
import { buildings, entrances, ownerships, parts, persons } from '../../db/schema/register';
import { ensureBuilding, ensureEntrance, getCommunity } from './communities';
import { write, type Actor, type ServiceContext } from '../context';
import { currentOwners } from './roster-query';
import { refreshPartCaches } from './part-cache';
import { refuseStale } from '../record-revisions';

export interface PartFields {
  building: string;
  entrance: string;
  room: string;
  type: PartType;
  area: string;
  areaSource: AreaSource;
  deliveryStatus: DeliveryStatus;
  /** Someone confirmed an area outside the community's bounds (settings.areaBounds). */
  acceptUnusual?: boolean;
}

function partRow(ctx: ServiceContext, id: string) {
  const row = ctx.db.select().from(parts).where(eq(parts.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到这个专有部分，可能已被删除');
  return row;
}

export function getPart(ctx: ServiceContext, id: string) {
  const row = partRow(ctx, id);
  const building = ctx.db.select({ name: buildings.name }).from(buildings).where(eq(buildings.id, row.buildingId)).get();
  if (!building) throw new Error(`parts.building_id: no building “${row.buildingId}”`);
  const entrance = row.entranceId === null ? undefined
    : ctx.db.select({ name: entrances.name }).from(entrances).where(eq(entrances.id, row.entranceId)).get();
  const history = ctx.db
    .select({
      personId: persons.id, name: persons.name,
      document: sql<string>`coalesce(${persons.documentMasked}, '')`, phone: sql<string>`coalesce(${persons.phoneMasked}, '')`,
      startDate: ownerships.startDate, endDate: ownerships.endDate,
    })
    .from(ownerships).innerJoin(persons, eq(persons.id, ownerships.personId)).where(eq(ownerships.partId, id))
    .orderBy(sql`${ownerships.endDate} is not null`, desc(ownerships.endDate), desc(ownerships.startDate), persons.name).all();
  return {
    partId: row.id, communityId: row.communityId, revision: row.revision, address: row.address, building: building.name, entrance: entrance?.name ?? null,
    room: row.room, type: oneOf(PART_TYPES, row.type, 'parts.type'), area: formatHundredths(row.area),
    areaSource: oneOf(AREA_SOURCES, row.areaSource, 'parts.area_source'),
    deliveryStatus: oneOf(DELIVERY_STATUSES, row.deliveryStatus, 'parts.delivery_status'),
    owners: currentOwners(ctx, [id]).get(id) ?? [],
    history,
  };
}

/**
 * Check and normalise a part form into column values (address, keys, area in
 * 0.01 m²), and the unusual area someone confirmed (kept in the audit row).
 */
function placeAndValues(ctx: ServiceContext, communityId: string, fields: PartFields) {
  const area = parseArea(fields.area);
  if (!area.ok) throw AppError.field('VALIDATION', 'area', area.message, '专有部分面积');
  const unusual = unusualArea(fields.type, area.value, getCommunity(ctx, communityId).settings.areaBounds);
  if (unusual !== null && !fields.acceptUnusual) {
    const message = `${unusual}：请核对面积；确属无误，请确认后再保存`;
    throw AppError.field('REFUSED', 'area', message, '专有部分面积');
  }
  const building = cleanCell(fields.building);
  const entrance = cleanCell(fields.entrance) || null;
  const room = cleanCell(fields.room);
  const buildingId = ensureBuilding(ctx, communityId, building);
  const entranceId = entrance ? ensureEntrance(ctx, buildingId, entrance) : null;
  const values = {
    buildingId, entranceId, entranceKey: entranceId ?? '', room,
    address: formatAddress(building, entrance, room), sortKey: addressSortKey(building, entrance, room),
    type: fields.type, area: area.value, areaSource: fields.areaSource, deliveryStatus: fields.deliveryStatus,
  };
  return { values, audited: unusual === null ? values : { ...values, unusualAreaConfirmed: unusual } };
}

function refuseDuplicateAddress(ctx: ServiceContext, v: { buildingId: string; entranceKey: string; room: string; address: string }, exceptId?: string) {
  const other = ctx.db.select({ id: parts.id }).from(parts)
    .where(and(eq(parts.buildingId, v.buildingId), eq(parts.entranceKey, v.entranceKey), eq(parts.room, v.room))).get();
  if (other && other.id !== exceptId) throw new AppError('REFUSED', `地址“${v.address}”已登记，不能重复`);
}

export function createPart(ctx: ServiceContext, actor: Actor, input: PartFields & { communityId: string }) {
  getCommunity(ctx, input.communityId);
  const id = write(ctx, actor, (tx) => {
    const { values: v, audited } = placeAndValues(ctx, input.communityId, input);
    refuseDuplicateAddress(ctx, v);
    const now = nowIso();
    const id = newId();
    ctx.db.insert(parts).values({ id, communityId: input.communityId, ...v, createdAt: now, updatedAt: now }).run();
    refreshPartCaches(ctx.sqlite, [id]);
    tx.audit({ action: 'create', entity: 'part', entityId: id, after: audited });
    return id;
  });
  return getPart(ctx, id);
}

export function updatePart(ctx: ServiceContext, actor: Actor, input: PartFields & { id: string; expectedRevision?: number | undefined }) {
  write(ctx, actor, (tx) => {
    const before = partRow(ctx, input.id);
    refuseStale(ctx, 'part', before, input.expectedRevision);
    const { values: v, audited } = placeAndValues(ctx, before.communityId, input);
    refuseDuplicateAddress(ctx, v, input.id);
    ctx.db.update(parts).set({ ...v, updatedAt: nowIso() }).where(eq(parts.id, input.id)).run();
    refreshPartCaches(ctx.sqlite, [input.id]);
    tx.audit({ action: 'update', entity: 'part', entityId: input.id, before, after: audited });
    dropIfEmpty(ctx, before.entranceId, before.buildingId);
  });
  return getPart(ctx, input.id);
}

/**
 * Buildings and entrances exist because parts name them: when a part moves
 * away (a corrected address), the entrance and building it leaves behind are
 * removed if nothing else is in them, so that they stop appearing in filters.
 */
function dropIfEmpty(ctx: ServiceContext, entranceId: string | null, buildingId: string): void {
  if (entranceId) {
    ctx.db.delete(entrances)
      .where(and(eq(entrances.id, entranceId), notExists(ctx.db.select({ one: sql`1` }).from(parts).where(eq(parts.entranceId, entranceId))))).run();
  }
  ctx.db.delete(buildings).where(and(
    eq(buildings.id, buildingId),
    notExists(ctx.db.select({ one: sql`1` }).from(parts).where(eq(parts.buildingId, buildingId))),
    notExists(ctx.db.select({ one: sql`1` }).from(entrances).where(eq(entrances.buildingId, buildingId))),
  )).run();
}

/**
 * Record who holds a part from `date` on: the current holders' rows end on
 * that date and new rows start. Nothing is overwritten, so the history of
 * sales stays (and a correction is visible as one).
 */
export function setOwners(ctx: ServiceContext, actor: Actor, input: { partId: string; personIds: string[]; date: string }) {
  write(ctx, actor, (tx) => {
    const part = partRow(ctx, input.partId);
    const wanted = [...new Set(input.personIds)];
    if (part.deliveryStatus === '未售' && wanted.length > 0) {
      throw new AppError('REFUSED', '未售的部分归建设单位，不能设置业主；如已出售，请先把交付状态改为“已交付”或“已售未交付”');
    }
    if (part.deliveryStatus === '已交付' && wanted.length === 0) {
      throw new AppError('REFUSED', '已交付的部分必须至少有一位业主');
    }
    for (const personId of wanted) {
      const p = ctx.db.select({ communityId: persons.communityId }).from(persons).where(eq(persons.id, personId)).get();
      if (!p || p.communityId !== part.communityId) throw new AppError('REFUSED', '所选业主不属于本小区');
    }
    const current = ctx.db.select({ id: ownerships.id, personId: ownerships.personId, startDate: ownerships.startDate })
      .from(ownerships).where(and(eq(ownerships.partId, input.partId), isNull(ownerships.endDate))).all();
    const same = current.length === wanted.length && current.every((c) => wanted.includes(c.personId));
    if (same) throw new AppError('REFUSED', '业主没有变化');
    const latestStart = current.map((c) => c.startDate).filter((d): d is string => d !== null).sort().pop();
    if (latestStart && input.date < latestStart) {
      throw new AppError('REFUSED', `变更日期 ${input.date} 早于现业主的登记日期 ${latestStart}`);
    }
    for (const c of current) ctx.db.update(ownerships).set({ endDate: input.date }).where(eq(ownerships.id, c.id)).run();
    const now = nowIso();
    for (const personId of wanted) {
      ctx.db.insert(ownerships).values({ id: newId(), partId: input.partId, personId, startDate: input.date, endDate: null, createdAt: now }).run();
    }
    refreshPartCaches(ctx.sqlite, [input.partId]);
    tx.audit({
      action: 'set-owners', entity: 'part', entityId: input.partId,
      before: { personIds: current.map((c) => c.personId) }, after: { personIds: wanted, date: input.date },
    });
  });
  return getPart(ctx, input.partId);
}

