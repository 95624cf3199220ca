/** Exclusive parts (专有部分) and who holds them. */
import { eq } from 'drizzle-orm';
import { newId } from '../../db/ids';
import { AppError } from '../../../shared/contract/errors';
import { formatHundredths, parseArea, unusualArea } from '../../../shared/domain/area';
import { type AreaSource, type DeliveryStatus, type PartType } from '../../../shared/domain/register';
import { addressSortKey, cleanCell, formatAddress } from '../../../shared/domain/text';
import { nowIso } from '../../db/clock';
import { parts } from '../../db/schema/register';
import { ensureBuilding, ensureEntrance, getCommunity } from './communities';
import { write, type Actor, type ServiceContext } from '../context';
import { currentOwners } from './roster-query';
import { refreshPartCaches } from './part-cache';

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
  const names = ctx.sqlite
    .prepare(`select b.name as building, e.name as entrance from buildings b left join entrances e on e.id = ? where b.id = ?`)
    .get(row.entranceId, row.buildingId) as { building: string; entrance: string | null };
  const history = ctx.sqlite
    .prepare(`select ps.id as personId, ps.name, coalesce(ps.document_masked, '') as document, coalesce(ps.phone_masked, '') as phone,
                     o.start_date as startDate, o.end_date as endDate
              from ownerships o join persons ps on ps.id = o.person_id where o.part_id = ?
              order by o.end_date is not null, o.end_date desc, o.start_date desc, ps.name`)
    .all(id) as { personId: string; name: string; document: string; phone: string; startDate: string | null; endDate: string | null }[];
  return {
    partId: row.id, communityId: row.communityId, address: row.address, building: names.building, entrance: names.entrance,
    room: row.room, type: row.type as PartType, area: formatHundredths(row.area), areaSource: row.areaSource as AreaSource,
    deliveryStatus: row.deliveryStatus as DeliveryStatus,
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
  const other = ctx.sqlite
    .prepare('select id from parts where building_id = ? and entrance_key = ? and room = ?')
    .get(v.buildingId, v.entranceKey, v.room) as { id: string } | undefined;
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

export function updatePart(ctx: ServiceContext, actor: Actor, input: PartFields & { id: string }) {
  write(ctx, actor, (tx) => {
    const before = partRow(ctx, input.id);
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
    ctx.sqlite.prepare('delete from entrances where id = ? and not exists (select 1 from parts where entrance_id = ?)').run(entranceId, entranceId);
  }
  ctx.sqlite
    .prepare(`delete from buildings where id = ? and not exists (select 1 from parts where building_id = ?)
              and not exists (select 1 from entrances where building_id = ?)`)
    .run(buildingId, buildingId, buildingId);
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
      const p = ctx.sqlite.prepare('select community_id as communityId from persons where id = ?').get(personId) as { communityId: string } | undefined;
      if (!p || p.communityId !== part.communityId) throw new AppError('REFUSED', '所选业主不属于本小区');
    }
    const current = ctx.sqlite
      .prepare('select id, person_id as personId, start_date as startDate from ownerships where part_id = ? and end_date is null')
      .all(input.partId) as { id: string; personId: string; startDate: string | null }[];
    const same = current.length === wanted.length && current.every((c) => wanted.includes(c.personId));
    if (same) throw new AppError('REFUSED', '业主没有变化');
    const latestStart = current.map((c) => c.startDate).filter((d): d is string => d !== null).sort().pop();
    if (latestStart && input.date < latestStart) {
      throw new AppError('REFUSED', `变更日期 ${input.date} 早于现业主的登记日期 ${latestStart}`);
    }
    const end = ctx.sqlite.prepare('update ownerships set end_date = ? where id = ?');
    for (const c of current) end.run(input.date, c.id);
    const add = ctx.sqlite.prepare('insert into ownerships (id, part_id, person_id, start_date, end_date, created_at) values (?, ?, ?, ?, null, ?)');
    const now = nowIso();
    for (const personId of wanted) add.run(newId(), input.partId, personId, input.date, now);
    refreshPartCaches(ctx.sqlite, [input.partId]);
    tx.audit({
      action: 'set-owners', entity: 'part', entityId: input.partId,
      before: { personIds: current.map((c) => c.personId) }, after: { personIds: wanted, date: input.date },
    });
  });
  return getPart(ctx, input.partId);
}

