/**
 * Reading a roster file (花名册) with the shared table reader (table-file.ts):
 * the template's columns, found by header in any order; other columns (备注,
 * 车牌…, which property systems' exports carry) are ignored, since every
 * roster column is required and a misspelt one is reported as missing. The
 * reading rules of each row live in shared/domain/roster-rows.ts
 * (readRosterRow).
 */
import { ROSTER_HEADERS, type RawCells, type RosterHeader, type RowError } from '../../shared/domain/roster-rows';
import type { ColumnType } from './cells';
import { readTableFile, type TableSpec } from './table-file';

export interface RawRosterRow {
  /** Excel row number (header = 1). */
  row: number;
  cells: RawCells;
}

export interface RosterFileRead {
  /** Data rows in file order; rows whose every roster cell is empty are left out. */
  rows: RawRosterRow[];
  /** File-level (row null) and header (row 1) errors, and the cell errors only visible in the file. */
  errors: RowError[];
}

const TYPES: Partial<Record<RosterHeader, ColumnType>> = { 专有部分面积: 'number', 证件号码: 'code', 联系电话: 'code' };

export const ROSTER_SPEC: TableSpec = {
  what: '花名册',
  template: '花名册模板',
  rowIs: '一个专有部分',
  columns: ROSTER_HEADERS.map((header) => ({ header, type: TYPES[header] ?? 'text' })),
  otherColumns: 'ignore',
  headerNote: '没有内容的列也要保留表头，例如没有单元的小区保留“单元”列并留空',
};

export async function readRosterFile(fileName: string, data: Buffer): Promise<RosterFileRead> {
  return readTableFile(fileName, data, ROSTER_SPEC);
}
