/**
 * Hostile and mistaken files through the real CLI, each asserting the exit
 * code, the row and column of the refusal and — counted in the real SQLite
 * file — that nothing was written: swapped and missing item columns, a
 * formula without a value, commas that are not thousands grouping, unusual
 * areas, a 300,000-row workbook, a 1,000,000-row CSV, a 100,000-character
 * cell, zip bombs and a file over the size limit. Ballots also from CSV, in
 * UTF-8 and GBK.
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_LIMITS } from '../../shared/domain/file-limits';
import { ROSTER_HEADERS } from '../../shared/domain/roster-rows';
import { rosterCsv, writeRosterXlsx, type RosterExportRow } from '../fixtures/roster-generator';
import { encodeGbk, xlsxBomb, xlsxOfRows } from '../fixtures/table-files';
import { runCli } from '../helpers';

const row = (building: string, room: string, area: string, owners: string, extra: Partial<RosterExportRow> = {}): RosterExportRow => ({
  building, entrance: null, room, type: '住宅', area, areaSource: '登记', deliveryStatus: '已交付', owners, documents: '', phones: '', ...extra,
});

let dir = '';
let voteId = '';
const file = (name: string, data: Buffer | string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  return p;
};

/** Rows of a table in the real database file. */
function count(table: 'communities' | 'parts' | 'ballots', where = ''): number {
  const db = new Database(path.join(dir, 'sanfang.sqlite'), { readonly: true });
  try {
    return db.prepare(`select count(*) from ${table} ${where}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-cli-files-'));
  await writeRosterXlsx(path.join(dir, 'r.xlsx'), [
    row('1幢', '101', '90.00', '甲'), row('1幢', '102', '110.00', '乙'), row('2幢', '201', '100.00', '丙'),
  ]);
  expect(runCli(dir, 'import-roster', '--community', '阳光小区', path.join(dir, 'r.xlsx')).code).toBe(0);
  const vote = runCli(dir, 'vote', 'create', '--community', '阳光小区', '--title', '年度表决', '--opens', '2026-11-01', '--closes', '2026-11-20',
    '--item', '续聘物业|4', '--item', '1幢外墙维修|5|1幢');
  expect(vote.code).toBe(0);
  voteId = vote.json.id as string;
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function ballotsXlsx(name: string, rows: unknown[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('表决票');
  for (const r of rows) sheet.addRow(r);
  return file(name, Buffer.from(await workbook.xlsx.writeBuffer()));
}

const ballotsOf = () => count('ballots', `where vote_id = '${voteId}' and superseded_by is null`);

describe('ballot files through the CLI', () => {
  it('refuses a file without 议题1 (and one with an item the vote does not have), naming the column, and writes nothing', async () => {
    const missing = runCli(dir, 'ballots', 'import', '--vote', voteId, await ballotsXlsx('missing.xlsx', [
      ['楼栋', '单元', '房号', '议题2', '有效'], ['1幢', '', '101', '同意', ''],
    ]));
    expect(missing.code).toBe(1);
    expect(missing.json.errors).toEqual([{ row: 1, column: '议题1', message: expect.stringMatching(/^缺少列“议题1”/) }]);
    const extra = runCli(dir, 'ballots', 'import', '--vote', voteId, await ballotsXlsx('extra.xlsx', [
      ['楼栋', '单元', '房号', '议题1', '议题2', '议题3'], ['1幢', '', '101', '同意', '同意', '同意'],
    ]));
    expect(extra.code).toBe(1);
    expect(extra.json.errors).toEqual([{ row: 1, column: '议题3', message: expect.stringContaining('不是本次表决的议题') }]);
    expect(ballotsOf()).toBe(0);
  });

  it('refuses a formula without a saved value by its row and column, never as [object Object]', async () => {
    const result = runCli(dir, 'ballots', 'import', '--vote', voteId, await ballotsXlsx('formula.xlsx', [
      ['楼栋', '单元', '房号', '议题1', '议题2'],
      ['1幢', '', '101', '同意', '反对'],
      ['1幢', '', '102', { formula: 'IF(A1="","同意","反对")' }, '同意'],
    ]));
    expect(result.code).toBe(1);
    expect(result.json.errors).toEqual([{ row: 3, column: '议题1', message: expect.stringContaining('是公式，但文件中没有保存计算结果') }]);
    expect(JSON.stringify(result.json)).not.toContain('[object Object]');
    expect(ballotsOf()).toBe(0);
  });

  it('records each answer on its own item when the item columns are swapped', async () => {
    const swapped = await ballotsXlsx('swapped.xlsx', [
      ['楼栋', '单元', '房号', '议题2', '议题1'],
      ['1幢', '', '101', '反对', '同意'],
      ['2幢', '', '201', '', '弃权'],
    ]);
    expect(runCli(dir, 'ballots', 'import', '--vote', voteId, swapped)).toEqual({ code: 0, json: { recorded: 2 } });
    const tally = runCli(dir, 'tally', '--vote', voteId).json.items;
    expect(tally[0]).toMatchObject({ title: '续聘物业', yes: { count: 1, area: '90.00' }, no: { count: 0, area: '0.00' }, abstain: { count: 1, area: '100.00' } });
    expect(tally[1]).toMatchObject({ title: '1幢外墙维修', yes: { count: 0, area: '0.00' }, no: { count: 1, area: '90.00' } });
  });

  it('imports ballots from CSV in UTF-8 and in GBK, an item headed by its title', () => {
    const vote = runCli(dir, 'vote', 'create', '--community', '阳光小区', '--title', '第二次表决', '--opens', '2026-11-01', '--closes', '2026-11-20',
      '--item', '续聘物业|4', '--item', '1幢外墙维修|5|1幢');
    const id = vote.json.id as string;
    const utf8 = file('b-utf8.csv', '\uFEFF楼栋,单元,房号,续聘物业,议题2,有效,备注\r\n1幢,,101,同意,同意,,\r\n');
    expect(runCli(dir, 'ballots', 'import', '--vote', id, utf8)).toEqual({ code: 0, json: { recorded: 1 } });
    const gbk = file('b-gbk.csv', encodeGbk('楼栋,单元,房号,议题1,1幢外墙维修,有效,备注\r\n1幢,,102,反对,弃权,,\r\n2幢,,201,,,否,字迹无法辨认\r\n'));
    expect(runCli(dir, 'ballots', 'import', '--vote', id, gbk)).toEqual({ code: 0, json: { recorded: 2 } });
    const tally = runCli(dir, 'tally', '--vote', id).json.items;
    expect(tally[0]).toMatchObject({ yes: { count: 1, area: '90.00' }, no: { count: 1, area: '110.00' }, participants: { count: 2, area: '200.00' } });
    expect(tally[1]).toMatchObject({ yes: { count: 1, area: '90.00' }, abstain: { count: 1, area: '110.00' } });
  });
});

describe('roster files through the CLI', () => {
  const csv = (rows: readonly RosterExportRow[]) => `\uFEFF${rosterCsv(rows)}`;
  const before = () => [count('communities'), count('parts')];

  it('refuses areas whose comma is not thousands grouping, by row and column; reads 1,234.56', () => {
    const start = before();
    const result = runCli(dir, 'import-roster', '--community', '逗号小区', file('commas.csv', csv([
      row('1幢', '101', '89,50', '甲'), row('1幢', '102', '1,2,3.5', '乙'), row('1幢', '103', '96，5', '丙'), row('1幢', '104', '95.00', '丁'),
    ])));
    expect(result.code).toBe(1);
    expect(result.json.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[2, '专有部分面积'], [3, '专有部分面积'], [4, '专有部分面积']]);
    expect(result.json.errors[0].message).toContain('逗号只能用作千位分隔');
    expect(before()).toEqual(start);
    const grouped = runCli(dir, 'import-roster', '--community', '千位小区', file('grouped.csv', csv([row('商业楼', 'S01', '1,234.56', '某公司', { type: '商铺' })])));
    expect(grouped).toEqual({ code: 0, json: { parts: 1, owners: 1, votingSubjects: 1, totalArea: '1234.56' } });
  });

  it('refuses an area outside its type’s bounds unless confirmed, saying how to confirm', () => {
    const start = before();
    const result = runCli(dir, 'import-roster', '--community', '面积小区', file('unusual.csv', csv([
      row('1幢', '101', '45000.00', '甲'), row('地下车库', 'C01', '60.00', '乙', { type: '车位' }), row('1幢', '102', '90.00', '丙'),
    ])));
    expect(result.code).toBe(1);
    expect(result.json.errors).toEqual([
      { row: 2, column: '专有部分面积', message: expect.stringContaining('住宅面积 45,000.00 ㎡ 偏大') },
      { row: 3, column: '专有部分面积', message: expect.stringContaining('车位面积 60.00 ㎡ 偏大，超出本小区设定的车位面积合理范围（5.00–50.00 ㎡）') },
    ]);
    expect(result.json.errors[0].message).toContain('--accept-unusual');
    expect(before()).toEqual(start);
    // Checked and confirmed: the same file goes in with its areas as written.
    const accepted = runCli(dir, 'import-roster', '--community', '面积小区', '--accept-unusual', file('unusual.csv', csv([
      row('1幢', '101', '45000.00', '甲'), row('地下车库', 'C01', '60.00', '乙', { type: '车位' }), row('1幢', '102', '90.00', '丙'),
    ])));
    expect(accepted.code, JSON.stringify(accepted.json)).toBe(0);
    expect(runCli(dir, 'roster-summary', '--community', '面积小区', '--building', '1幢').json).toEqual({ parts: 2, votingSubjects: 2, totalArea: '45090.00' });
  });

  it('refuses a 100,000-character owner name by its row and column', () => {
    const start = before();
    const result = runCli(dir, 'import-roster', '--community', '长名小区', file('long.csv', csv([row('1幢', '101', '90.00', '甲'), row('1幢', '102', '90.00', '名'.repeat(100_000))])));
    expect(result.code).toBe(1);
    expect(result.json.errors).toEqual([{ row: 3, column: '业主', message: '业主有 100,000 个字符，超过 1,000 个字符的上限：请检查该单元格（可能误粘贴了大段内容）' }]);
    expect(before()).toEqual(start);
  });

  it('refuses a 300,000-row workbook and a 1,000,000-row CSV before reading them', () => {
    const start = before();
    const big = file('300k.xlsx', xlsxOfRows([...ROSTER_HEADERS], 300_000, (n) => ['1幢', '', String(n), '', '90', '', '', `业主${n}`, '', '']));
    const xlsx = runCli(dir, 'import-roster', '--community', '大小区', big);
    expect(xlsx.code).toBe(1);
    expect(xlsx.json.errors).toEqual([{ row: null, message: expect.stringContaining('超过 200,000 行数据的上限') }]);
    const million = file('1m.csv', `${ROSTER_HEADERS.join(',')}\n${'1幢,,101,,90,,,甲,,\n'.repeat(1_000_000)}`);
    const csvResult = runCli(dir, 'import-roster', '--community', '大小区', million);
    expect(csvResult.code).toBe(1);
    expect(csvResult.json.errors).toEqual([{ row: null, message: expect.stringContaining('超过 200,000 行') }]);
    expect(before()).toEqual(start);
  }, 120_000);

  it('refuses zip bombs and a file over the size limit', () => {
    const start = before();
    for (const bomb of [xlsxBomb(1024, false), xlsxBomb(1024, true)]) {
      const result = runCli(dir, 'import-roster', '--community', '炸弹小区', file('bomb.xlsx', bomb));
      expect(result.code).toBe(1);
      expect(result.json.errors).toEqual([{ row: null, message: expect.stringContaining('压缩炸弹') }]);
    }
    const huge = runCli(dir, 'import-roster', '--community', '大文件小区', file('huge.csv', Buffer.alloc(FILE_LIMITS.fileBytes + 1, 0x41)));
    expect(huge.code).toBe(1);
    expect(huge.json.errors).toEqual([{ row: null, message: expect.stringContaining('超过 40 MB 的上限') }]);
    expect(before()).toEqual(start);
  }, 120_000);
});
