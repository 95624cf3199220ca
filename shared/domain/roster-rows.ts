/**
 * Reading rules of the roster template (花名册), shared by the xlsx and CSV
 * imports and by the preview. Pure: cells in, records or Chinese row errors out.
 */
import { parseArea } from './area';
import { checkDocument, normalizePhone, resolveOwners, maskDocument, type OwnerMention } from './identity';
import { AREA_SOURCES, DELIVERY_STATUSES, PART_TYPES, type AreaSource, type DeliveryStatus, type PartType } from './register';
import { cleanCell, formatAddress } from './text';

export const ROSTER_HEADERS = [
  '楼栋', '单元', '房号', '类型', '专有部分面积', '面积来源', '交付状态', '业主', '证件号码', '联系电话',
] as const;
export type RosterHeader = (typeof ROSTER_HEADERS)[number];

export interface RowError {
  /** Row number as Excel shows it (header = 1), or null for a file-level problem. */
  row: number | null;
  column?: string;
  message: string;
}

export interface RosterOwner {
  name: string;
  document: string | null;
  phone: string | null;
}

export interface RosterRecord {
  row: number;
  building: string;
  entrance: string | null;
  room: string;
  type: PartType;
  area: number;
  areaSource: AreaSource;
  deliveryStatus: DeliveryStatus;
  owners: RosterOwner[];
  /** The name written on an unsold row: the developer's. */
  developerName: string | null;
}

/** Co-owners are separated by any of 、 ， , ; ； / */
const SEPARATORS = /[、，,;；/]/;

export type RawCells = Partial<Record<RosterHeader, unknown>>;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return cleanCell(String(value));
}

function isEmpty(cells: RawCells): boolean {
  return ROSTER_HEADERS.every((h) => cellText(cells[h]) === '');
}

function choice<T extends string>(
  raw: string, allowed: readonly T[], fallback: T, row: number, column: RosterHeader, errors: RowError[],
): T {
  if (raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  errors.push({ row, column, message: `“${raw}”不是有效的${column}，应为${allowed.join('、')}之一（空白为${fallback}）` });
  return fallback;
}

function splitList(raw: string): string[] {
  return raw.split(SEPARATORS).map((s) => s.trim());
}

/** Where a row says a part is; known even when other cells of the row are wrong. */
export interface RosterPlace {
  row: number;
  building: string;
  entrance: string | null;
  room: string;
}

export interface RowReading {
  record: RosterRecord | null;
  errors: RowError[];
  /** The row's address, when 楼栋 and 房号 are filled: duplicates are found among all rows, valid or not. */
  place: RosterPlace | null;
}

/** Read one data row; returns null for a row whose every cell is empty. */
export function readRosterRow(cells: RawCells, row: number): RowReading {
  if (isEmpty(cells)) return { record: null, errors: [], place: null };
  const errors: RowError[] = [];
  const building = cellText(cells['楼栋']);
  const entranceText = cellText(cells['单元']);
  const room = cellText(cells['房号']);
  if (building === '') errors.push({ row, column: '楼栋', message: '楼栋为空，应填写楼栋名称（如 1幢）' });
  if (room === '') errors.push({ row, column: '房号', message: '房号为空，应填写房号（如 101）' });
  const type = choice(cellText(cells['类型']), PART_TYPES, '住宅', row, '类型', errors);
  const areaSource = choice(cellText(cells['面积来源']), AREA_SOURCES, '登记', row, '面积来源', errors);
  const deliveryStatus = choice(cellText(cells['交付状态']), DELIVERY_STATUSES, '已交付', row, '交付状态', errors);

  const area = parseArea(typeof cells['专有部分面积'] === 'number' ? cells['专有部分面积'] : cellText(cells['专有部分面积']));
  if (!area.ok) errors.push({ row, column: '专有部分面积', message: area.message });

  const ownerText = cellText(cells['业主']);
  const docText = cellText(cells['证件号码']);
  const phoneText = cellText(cells['联系电话']);
  let owners: RosterOwner[] = [];
  let developerName: string | null = null;

  if (deliveryStatus === '未售') {
    // An unsold part is the developer's: a name here is the developer's name, not an owner.
    developerName = ownerText === '' ? null : ownerText;
  } else if (ownerText === '') {
    if (deliveryStatus === '已交付') {
      errors.push({ row, column: '业主', message: '已交付的部分必须填写业主姓名' });
    }
    if (docText !== '' || phoneText !== '') {
      errors.push({ row, column: '业主', message: '填写了证件号码或联系电话，但业主为空' });
    }
  } else {
    owners = readOwners(ownerText, docText, phoneText, row, errors);
  }

  const place = building !== '' && room !== '' ? { row, building, entrance: entranceText === '' ? null : entranceText, room } : null;
  if (errors.length > 0 || !area.ok) return { record: null, errors, place };
  return {
    place,
    record: {
      row, building, entrance: entranceText === '' ? null : entranceText, room,
      type, area: area.value, areaSource, deliveryStatus, owners, developerName,
    },
    errors,
  };
}

function readOwners(ownerText: string, docText: string, phoneText: string, row: number, errors: RowError[]): RosterOwner[] {
  const names = splitList(ownerText);
  if (names.some((n) => n === '')) {
    errors.push({ row, column: '业主', message: `业主“${ownerText}”中有空的姓名，共有人之间只用一个分隔符（、，,;；/）` });
    return [];
  }
  const docs = docText === '' ? null : splitList(docText);
  const phones = phoneText === '' ? null : splitList(phoneText);
  if (docs && docs.length !== names.length) {
    errors.push({ row, column: '证件号码', message: `业主有${names.length}人，证件号码有${docs.length}个，应一一对应（按相同顺序，用相同分隔符）` });
  }
  if (phones && phones.length !== names.length) {
    errors.push({ row, column: '联系电话', message: `业主有${names.length}人，联系电话有${phones.length}个，应一一对应（按相同顺序，用相同分隔符）` });
  }
  const seenDocs = new Set<string>();
  return names.map((name, i) => {
    let document: string | null = null;
    const rawDoc = docs && docs.length === names.length ? docs[i]! : '';
    if (rawDoc !== '') {
      const checked = checkDocument(rawDoc);
      if (!checked.ok) errors.push({ row, column: '证件号码', message: `${name}：${checked.message}` });
      else if (seenDocs.has(checked.value)) {
        errors.push({ row, column: '证件号码', message: `同一行中证件号码“${maskDocument(checked.value)}”出现两次` });
      } else {
        seenDocs.add(checked.value);
        document = checked.value;
      }
    }
    let phone: string | null = null;
    const rawPhone = phones && phones.length === names.length ? phones[i]! : '';
    if (rawPhone !== '') {
      const normalized = normalizePhone(rawPhone);
      if (!normalized.ok) errors.push({ row, column: '联系电话', message: `${name}：${normalized.message}` });
      else phone = normalized.value;
    }
    return { name, document, phone };
  });
}

export interface CheckedRoster {
  records: RosterRecord[];
  /** personKeys[i][j]: the person key of records[i].owners[j] (see resolveOwners). */
  personKeys: string[][];
  developerName: string | null;
  errors: RowError[];
}

/**
 * Whole-file checks after each row is read: duplicate addresses (naming both
 * rows; among `places`, which should hold every row's address, valid or not),
 * one developer name, and who is the same owner.
 */
export function checkRoster(
  records: readonly RosterRecord[], knownDeveloper: string | null, places: readonly RosterPlace[] = records,
): CheckedRoster {
  const errors: RowError[] = [];
  const byAddress = new Map<string, RosterPlace>();
  for (const r of places) {
    const key = `${r.building}\u0001${r.entrance ?? ''}\u0001${r.room}`;
    const first = byAddress.get(key);
    if (first) {
      errors.push({
        row: r.row, column: '房号',
        message: `地址“${formatAddress(r.building, r.entrance, r.room)}”与第${first.row}行重复`,
      });
    } else byAddress.set(key, r);
  }

  let developerName = knownDeveloper;
  let developerRow: number | null = null;
  for (const r of records) {
    if (r.developerName === null) continue;
    if (developerName === null) {
      developerName = r.developerName;
      developerRow = r.row;
    } else if (r.developerName !== developerName) {
      const where = developerRow === null ? '小区登记的建设单位' : `第${developerRow}行`;
      errors.push({
        row: r.row, column: '业主',
        message: `未售部分的业主应为建设单位；此处为“${r.developerName}”，与${where}的“${developerName}”不一致`,
      });
    }
  }

  const mentions: OwnerMention[] = [];
  for (const r of records) for (const o of r.owners) mentions.push({ row: r.row, ...o });
  const identity = resolveOwners(mentions);
  for (const c of identity.conflicts) {
    errors.push({
      row: c.row, column: '证件号码',
      message: `证件号码“${maskDocument(c.document)}”在第${c.otherRow}行登记为“${c.otherName}”，此处为“${c.name}”；同一证件号码不能对应两个姓名`,
    });
  }
  const personKeys: string[][] = [];
  let k = 0;
  for (const r of records) personKeys.push(r.owners.map(() => identity.personKeys[k++]!));
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { records: [...records], personKeys, developerName, errors };
}
