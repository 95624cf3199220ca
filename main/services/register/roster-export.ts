/** The roster to xlsx in the import template's layout, documents and phones masked. */
import { eq } from 'drizzle-orm';
import { formatHundredths } from '../../../shared/domain/area';
import { buildings, entrances, parts } from '../../db/schema/register';
import type { RosterExportRow } from '../../files/roster-workbook';
import { getCommunity } from './communities';
import type { ServiceContext } from '../context';
import { currentOwners, scopeFilter, type Scope } from './roster-query';

/** Loaded on first use (ExcelJS is slow to load). */
async function writeRosterWorkbook(...args: Parameters<typeof import('../../files/roster-workbook').writeRosterWorkbook>) {
  return (await import('../../files/roster-workbook')).writeRosterWorkbook(...args);
}

export async function rosterTemplate() {
  const buffer = await writeRosterWorkbook([]);
  return { fileName: '花名册导入模板.xlsx', base64: buffer.toString('base64') };
}

export async function exportRoster(ctx: ServiceContext, scope: Scope) {
  const community = getCommunity(ctx, scope.communityId);
  const rows = ctx.db
    .select({
      id: parts.id, building: buildings.name, entrance: entrances.name, room: parts.room, type: parts.type, area: parts.area,
      areaSource: parts.areaSource, deliveryStatus: parts.deliveryStatus,
    })
    .from(parts).innerJoin(buildings, eq(buildings.id, parts.buildingId)).leftJoin(entrances, eq(entrances.id, parts.entranceId))
    .where(scopeFilter(ctx, scope)).orderBy(parts.sortKey).all();
  const owners = currentOwners(ctx, rows.map((r) => r.id));
  const exported: RosterExportRow[] = rows.map((r) => {
    const list = owners.get(r.id) ?? [];
    const unsold = r.deliveryStatus === '未售';
    // Documents and phones stay masked in every export (personal data); a position is kept
    // empty where one co-owner has none, so that the columns still line up with the names.
    const joined = (pick: (o: (typeof list)[number]) => string) => (list.some((o) => pick(o) !== '') ? list.map(pick).join('、') : '');
    return {
      building: r.building, entrance: r.entrance, room: r.room, type: r.type, area: formatHundredths(r.area),
      areaSource: r.areaSource, deliveryStatus: r.deliveryStatus,
      owners: unsold ? community.developer : list.map((o) => o.name).join('、'),
      documents: unsold ? '' : joined((o) => o.document),
      phones: unsold ? '' : joined((o) => o.phone),
    };
  });
  const buffer = await writeRosterWorkbook(exported, { title: community.name });
  return { fileName: `${community.name}花名册.xlsx`, base64: buffer.toString('base64') };
}
