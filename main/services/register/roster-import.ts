/**
 * Importing a roster file into a new community: read (xlsx or CSV), check
 * every row and the whole file, preview, then write everything in one
 * transaction or nothing at all.
 */
import { createHash } from 'node:crypto';
import { newId } from '../../db/ids';
import { AppError, rowProblems } from '../../../shared/contract/errors';
import { formatHundredths, unusualArea } from '../../../shared/domain/area';
import { computeElectorate } from '../../../shared/domain/electorate';
import { checkDocument } from '../../../shared/domain/identity';
import { checkRoster, readRosterRow, type CheckedRoster, type RosterPlace, type RosterRecord, type RowError } from '../../../shared/domain/roster-rows';
import { addressSortKey, formatAddress, naturalKey } from '../../../shared/domain/text';
import { nowIso } from '../../db/clock';
import { count, eq } from 'drizzle-orm';
import { readRosterFile, type RawRosterRow } from '../../files/roster-file';
import { writeRosterErrorsWorkbook } from '../../files/roster-errors-workbook';
import { mergeErrors } from '../../files/table-file';
import { parts } from '../../db/schema/register';
import { findCommunityByName, getCommunity, insertCommunity, type CommunityFields } from './communities';
import { ImportProgress, yieldToEvents } from './import-progress';
import { write, type Actor, type ServiceContext } from '../context';
import { partCacheValues } from './part-cache';
import { sealPerson } from '../../security/personal-data';

export interface FilePayload {
  fileName: string;
  base64: string;
}

/** roster.previewImport / roster.import / roster.importErrors: the file and where it goes (shared/contract/register.ts importInput). */
export interface ImportRequest {
  file: FilePayload;
  /** A new community by its fields (only the name is needed: the rules take their defaults). */
  community?: CommunityFields | undefined;
  /** Or an existing community without parts yet. */
  communityId?: string | undefined;
  acceptUnusual?: boolean | undefined;
  ticket?: string | undefined;
}

/** Where the rows go: the fields and rules the import reads, and the community when it exists already. */
interface Target {
  fields: CommunityFields;
  existingId: string | null;
  /** Why the rows cannot go there (a taken name, a community with parts). */
  refusal: RowError | null;
}

function targetOf(ctx: ServiceContext, request: ImportRequest): Target {
  if (request.communityId !== undefined) {
    const { id, ...fields } = getCommunity(ctx, request.communityId);
    const partCount = ctx.db.select({ n: count() }).from(parts).where(eq(parts.communityId, id)).get()?.n ?? 0;
    const refusal = partCount > 0
      ? { row: null, column: '小区', message: `小区“${fields.name}”已有 ${partCount} 个专有部分；花名册只能导入到尚无专有部分的小区，请新建小区导入` }
      : null;
    return { fields, existingId: id, refusal };
  }
  const fields = request.community!;
  return {
    fields, existingId: null,
    refusal: findCommunityByName(ctx, fields.name)
      ? { row: null, column: '小区名称', message: `小区“${fields.name}”已存在；花名册只能导入到新小区，或在“已有小区”中选择它（须尚无专有部分）` }
      : null,
  };
}

interface Analysis {
  data: Buffer;
  /** The file's data rows as read (for the error list's workbook). */
  rows: RawRosterRow[];
  checked: CheckedRoster;
  errors: RowError[];
  /** Rows whose area is outside the community's bounds (settings.areaBounds): imported only when confirmed. */
  unusual: { row: number; address: string; type: string; area: string; message: string }[];
}

/** Rows read between two yields to the event loop (a progress poll is answered meanwhile). */
const CHUNK = 500;

async function analyse(file: FilePayload, target: Target, progress: ImportProgress): Promise<Analysis> {
  const community = target.fields;
  const data = Buffer.from(file.base64, 'base64');
  const read = await readRosterFile(file.fileName, data);
  const rowErrors: RowError[] = [];
  const records: RosterRecord[] = [];
  const places: RosterPlace[] = [];
  for (let i = 0; i < read.rows.length; i++) {
    if (i % CHUNK === 0) {
      progress.read(i, read.rows.length);
      await yieldToEvents();
    }
    const row = read.rows[i]!;
    const result = readRosterRow(row.cells, row.row);
    rowErrors.push(...result.errors);
    if (result.record) records.push(result.record);
    if (result.place) places.push(result.place);
  }
  progress.read(read.rows.length, read.rows.length);
  await yieldToEvents();
  const errors = mergeErrors(read.errors, rowErrors);
  if (errors.length === 0 && records.length === 0) {
    errors.push({ row: null, message: '文件中没有数据行：请在表头下方逐行填写专有部分' });
  }
  const checked = checkRoster(records, community.developer.trim() || null, places);
  errors.push(...checked.errors);
  if (target.refusal) errors.unshift(target.refusal);
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const unusual = checked.records.flatMap((r) => {
    const message = unusualArea(r.type, r.area, community.settings.areaBounds);
    return message === null ? [] : [{ row: r.row, address: formatAddress(r.building, r.entrance, r.room), type: r.type, area: formatHundredths(r.area), message }];
  });
  return { data, rows: read.rows, checked, errors, unusual };
}

/** The refusal of unusual areas that nobody confirmed, one error per row. */
function unconfirmed(unusual: Analysis['unusual']): RowError[] {
  return unusual.map((u) => ({
    row: u.row, column: '专有部分面积',
    message: `${u.message}：请核对；确属无误的，在导入预览中勾选“面积已核对”后导入（命令行：加 --accept-unusual）`,
  }));
}

/** How many unusual rows a preview lists (the count is given in full). */
const UNUSUAL_LISTED = 500;

/** The numbers the CLI prints after an import, for the whole file. */
export function summarize(checked: CheckedRoster, countParking: boolean) {
  const persons = new Set(checked.personKeys.flat());
  const electorate = computeElectorate(
    checked.records.map((r, i) => ({
      id: String(r.row), type: r.type, area: r.area, deliveryStatus: r.deliveryStatus, ownerIds: checked.personKeys[i]!,
    })),
    { countParking },
  );
  return {
    parts: checked.records.length,
    owners: persons.size,
    votingSubjects: electorate.count,
    totalArea: formatHundredths(electorate.area),
  };
}

export async function previewRosterImport(ctx: ServiceContext, actor: Actor, request: ImportRequest) {
  const progress = new ImportProgress(request.ticket, actor);
  try {
    const target = targetOf(ctx, request);
    const { checked, errors, unusual } = await analyse(request.file, target, progress);
    return {
      ok: errors.length === 0,
      errors,
      summary: errors.length === 0 ? summarize(checked, target.fields.settings.countParkingInVotes) : null,
      unusual: unusual.slice(0, UNUSUAL_LISTED),
      unusualCount: unusual.length,
      sample: checked.records.slice(0, 20).map((r) => ({
        row: r.row, address: formatAddress(r.building, r.entrance, r.room), type: r.type, area: formatHundredths(r.area),
        areaSource: r.areaSource, deliveryStatus: r.deliveryStatus,
        owners: r.owners.map((o) => o.name).join('、') || (r.developerName ?? ''),
      })),
    };
  } finally {
    progress.end();
  }
}

/**
 * The error list as a workbook: every row of the file, the faulty ones marked
 * and a column saying what is wrong (unconfirmed unusual areas included, as
 * the import would refuse them), so that the clerk corrects the file in Excel.
 */
export async function rosterImportErrors(ctx: ServiceContext, actor: Actor, request: ImportRequest) {
  const progress = new ImportProgress(request.ticket, actor);
  try {
    const target = targetOf(ctx, request);
    const { rows, errors, unusual } = await analyse(request.file, target, progress);
    const all = request.acceptUnusual ? errors : [...errors, ...unconfirmed(unusual)];
    const base = request.file.fileName.replace(/\.[^.]*$/, '');
    return { fileName: `${base}-错误清单.xlsx`, base64: (await writeRosterErrorsWorkbook(rows, all)).toString('base64') };
  } finally {
    progress.end();
  }
}

export async function importRoster(ctx: ServiceContext, actor: Actor, request: ImportRequest) {
  const progress = new ImportProgress(request.ticket, actor);
  try {
    const { file } = request;
    const target = targetOf(ctx, request);
    const fields = target.fields;
    const { data, checked, errors, unusual } = await analyse(file, target, progress);
    if (!request.acceptUnusual && unusual.length > 0) {
      errors.push(...unconfirmed(unusual));
      errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    }
    if (errors.length > 0) {
      throw new AppError('VALIDATION', `花名册中有 ${errors.length} 处问题，未导入任何数据；请修改后重新导入`, rowProblems(errors));
    }
    const summary = summarize(checked, fields.settings.countParkingInVotes);
    progress.writing();
    await yieldToEvents();
    const communityId = write(ctx, actor, (tx) => {
      const id = target.existingId ?? insertCommunity(ctx, tx.audit, { ...fields, developer: fields.developer.trim() || (checked.developerName ?? '') }).id;
      insertRecords(ctx, id, checked);
      tx.audit({
        action: 'import-roster', entity: 'community', entityId: id,
        after: {
          fileName: file.fileName, sha256: createHash('sha256').update(data).digest('hex'), ...summary,
          // Confirmed unusual areas: how many, and the first rows (the file's hash names the rest).
          ...(unusual.length > 0 ? { unusualAreasConfirmed: { count: unusual.length, rows: unusual.slice(0, 100).map((u) => u.row) } } : {}),
        },
      });
      return id;
    });
    progress.wrote(checked.records.length);
    return { communityId, summary };
  } finally {
    progress.end();
  }
}

/** Bulk insert with bare prepared statements (drizzle's batched insert is several times slower here). */
function insertRecords(ctx: ServiceContext, communityId: string, checked: CheckedRoster): void {
  const now = nowIso();
  const s = ctx.sqlite;
  const insertBuilding = s.prepare('insert into buildings (id, community_id, name, sort_key) values (?, ?, ?, ?)');
  const insertEntrance = s.prepare('insert into entrances (id, building_id, name, sort_key) values (?, ?, ?, ?)');
  const insertPerson = s.prepare(`insert into persons (id, community_id, name, document_kind, document, document_hash, document_masked,
                                  phone, phone_hash, phone_masked, created_at, updated_at)
                                  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertPart = s.prepare(`insert into parts (id, community_id, building_id, entrance_id, entrance_key, room, address, sort_key,
                                type, area, area_source, delivery_status, owner_key, owner_names, search_text, created_at, updated_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertOwnership = s.prepare(`insert into ownerships (id, part_id, person_id, start_date, end_date, created_at)
                                     values (?, ?, ?, null, null, ?)`);
  const buildingIds = new Map<string, string>();
  const entranceIds = new Map<string, string>();
  const personIds = new Map<string, string>();
  const masked = new Map<string, { documentMasked: string | null; phoneMasked: string | null }>();

  // A person's phone: the first one given in row order (the same ID may come with different phones).
  const personData = new Map<string, { name: string; document: string | null; phone: string | null }>();
  checked.records.forEach((r, i) => r.owners.forEach((o, j) => {
    const key = checked.personKeys[i]![j]!;
    const seen = personData.get(key);
    if (!seen) personData.set(key, { ...o });
    else if (seen.phone === null && o.phone !== null) seen.phone = o.phone;
  }));
  for (const [key, p] of personData) {
    const id = newId();
    personIds.set(key, id);
    const kind = p.document === null ? null : (checkDocument(p.document) as { kind?: string }).kind ?? 'other';
    // Matching happened above on the file's values in memory; only sealed, hashed and masked forms are stored.
    const sealed = sealPerson(ctx.keys, id, p);
    masked.set(key, { documentMasked: sealed.documentMasked, phoneMasked: sealed.phoneMasked });
    insertPerson.run(id, communityId, p.name, kind, sealed.document, sealed.documentHash, sealed.documentMasked,
      sealed.phone, sealed.phoneHash, sealed.phoneMasked, now, now);
  }

  checked.records.forEach((r, i) => {
    let buildingId = buildingIds.get(r.building);
    if (!buildingId) {
      buildingId = newId();
      buildingIds.set(r.building, buildingId);
      insertBuilding.run(buildingId, communityId, r.building, naturalKey(r.building));
    }
    let entranceId: string | null = null;
    if (r.entrance !== null) {
      const key = `${buildingId}\u0001${r.entrance}`;
      entranceId = entranceIds.get(key) ?? null;
      if (!entranceId) {
        entranceId = newId();
        entranceIds.set(key, entranceId);
        insertEntrance.run(entranceId, buildingId, r.entrance, naturalKey(r.entrance));
      }
    }
    const partId = newId();
    const owners = [...new Set(checked.personKeys[i]!)].map((key) => ({ id: personIds.get(key)!, name: personData.get(key)!.name, ...masked.get(key)! }));
    const address = formatAddress(r.building, r.entrance, r.room);
    const cache = partCacheValues(address, owners);
    insertPart.run(
      partId, communityId, buildingId, entranceId, entranceId ?? '', r.room, address,
      addressSortKey(r.building, r.entrance, r.room), r.type, r.area, r.areaSource, r.deliveryStatus,
      cache.ownerKey, cache.ownerNames, cache.searchText, now, now,
    );
    for (const owner of owners) insertOwnership.run(newId(), partId, owner.id, now);
  });
}
