import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseArea } from '../../shared/domain/area';
import { computeElectorate } from '../../shared/domain/electorate';
import { checkDocument } from '../../shared/domain/identity';
import { checkRoster, readRosterRow, ROSTER_HEADERS, type RosterRecord, type RowError } from '../../shared/domain/roster-rows';
import { readRosterFile, type RosterFileRead } from '../../main/files/roster-file';
import { parseCsv } from '../../main/files/csv';
import { normalizeHeader } from '../../main/files/table-file';
import { writeRosterWorkbook, type RosterExportRow } from '../../main/files/roster-workbook';
import {
  DEVELOPER_NAME, generateRoster, generateRosterDetailed, rosterCsv, writeRosterCsv, writeRosterXlsx,
} from '../fixtures/roster-generator';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roster-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Write to a real file, read it back, run every row through readRosterRow. */
async function readBack(name: string, data: Buffer | string) {
  const file = join(dir, name);
  await writeFile(file, data);
  const read = await readRosterFile(name, await readFile(file));
  const records: RosterRecord[] = [];
  const rowErrors: RowError[] = [];
  for (const r of read.rows) {
    const result = readRosterRow(r.cells, r.row);
    rowErrors.push(...result.errors);
    if (result.record) records.push(result.record);
  }
  return { read, records, rowErrors };
}

function expectRecordsMatch(records: RosterRecord[], rows: readonly RosterExportRow[]) {
  expect(records).toHaveLength(rows.length);
  records.forEach((rec, i) => {
    const src = rows[i]!;
    expect(rec.row).toBe(i + 2);
    expect(rec.building).toBe(src.building);
    expect(rec.entrance).toBe(src.entrance);
    expect(rec.room).toBe(src.room);
    expect(rec.type).toBe(src.type);
    expect(rec.area).toBe(Number(src.area.replace('.', '')));
    expect(rec.areaSource).toBe(src.areaSource);
    expect(rec.deliveryStatus).toBe(src.deliveryStatus);
    if (src.deliveryStatus === '未售') {
      expect(rec.owners).toEqual([]);
      expect(rec.developerName).toBe(src.owners);
    } else {
      expect(rec.owners.map((o) => o.name).join('、')).toBe(src.owners);
      expect(rec.owners.map((o) => o.document ?? '').join('、')).toBe(src.documents === '' ? rec.owners.map(() => '').join('、') : src.documents);
      expect(rec.owners.map((o) => o.phone).join('、')).toBe(src.phones);
    }
  });
}

describe('roster generator', () => {
  it('is deterministic and keeps its documented guarantees', () => {
    const a = generateRosterDetailed({ parts: 1000, seed: 42 });
    const b = generateRosterDetailed({ parts: 1000, seed: 42 });
    expect(a).toEqual(b);
    expect(generateRoster({ parts: 1000, seed: 43 })).not.toEqual(a.rows);
    const { rows, counts } = a;
    expect(rows).toHaveLength(1000);
    expect(counts).toMatchObject({ parts: 1000, shops: 40, parking: 80, residential: 880, unsold: 20, undelivered: 10 });
    expect(counts.coOwned).toBe(98); // floor(980 × 0.10)
    expect(counts.multiPartOwners).toBe(44); // floor(882 × 0.05)
    expect(rows.filter((r) => r.owners.includes('、'))).toHaveLength(counts.coOwned);
    expect(rows.filter((r) => r.deliveryStatus === '未售').every((r) => r.owners === DEVELOPER_NAME && r.documents === '' && r.phones === '')).toBe(true);
    expect(rows.filter((r) => r.deliveryStatus === '已售未交付')).toHaveLength(10);
    expect(rows.filter((r) => r.deliveryStatus !== '未售' && r.documents === '')).toHaveLength(counts.noDocumentOwners);
    expect(counts.noDocumentOwners).toBeGreaterThan(0);
    const addresses = new Set(rows.map((r) => `${r.building}|${r.entrance}|${r.room}`));
    expect(addresses.size).toBe(1000);
    expect(rows.some((r) => r.entrance === null && /^\d+幢$/.test(r.building))).toBe(true);
    for (const r of rows) {
      const area = parseArea(r.area);
      expect(area.ok).toBe(true);
      expect(r.area).toMatch(/^\d+\.\d\d$/);
      const v = area.ok ? area.value : 0;
      if (r.type === '车位') expect(v >= 1250 && v <= 1500).toBe(true);
      if (r.type === '住宅') expect(v >= 6000 && v <= 16000).toBe(true);
      for (const doc of r.documents === '' ? [] : r.documents.split('、')) {
        expect(checkDocument(doc)).toMatchObject({ ok: true, kind: 'mainland-id' });
      }
      for (const phone of r.phones === '' ? [] : r.phones.split('、')) expect(phone).toMatch(/^1[3-9]\d{9}$/);
    }
    // A person with two parts appears with the same name, document and phone twice.
    const byPhone = new Map<string, Set<string>>();
    for (const r of rows) {
      if (r.phones === '' || r.owners.includes('、')) continue;
      byPhone.set(r.phones, (byPhone.get(r.phones) ?? new Set()).add(`${r.owners}|${r.documents}`));
    }
    expect([...byPhone.values()].every((s) => s.size === 1)).toBe(true);
    expect(counts.areaHundredths).toBe(rows.reduce((s, r) => s + Number(r.area.replace('.', '')), 0));
  });
});

describe('xlsx', () => {
  it('round trips an export through readRosterFile and readRosterRow', async () => {
    const { rows, counts } = generateRosterDetailed({ parts: 600, seed: 5 });
    const file = join(dir, 'export.xlsx');
    await writeRosterXlsx(file, rows);
    const { read, records, rowErrors } = await readBack('export.xlsx', await readFile(file));
    expect(read.errors).toEqual([]);
    expect(rowErrors).toEqual([]);
    expect(read.rows[0]!.row).toBe(2);
    expect(read.rows[0]!.cells).toEqual({
      楼栋: rows[0]!.building, 单元: rows[0]!.entrance!, 房号: rows[0]!.room, 类型: rows[0]!.type,
      专有部分面积: Number(rows[0]!.area), 面积来源: rows[0]!.areaSource, 交付状态: rows[0]!.deliveryStatus,
      业主: rows[0]!.owners, 证件号码: rows[0]!.documents, 联系电话: rows[0]!.phones,
    });
    expectRecordsMatch(records, rows);

    // The whole file: no conflicts, one developer, and the generator's electorate.
    const checked = checkRoster(records, null);
    expect(checked.errors).toEqual([]);
    expect(checked.developerName).toBe(DEVELOPER_NAME);
    const electorate = computeElectorate(
      checked.records.map((r, i) => ({ id: String(r.row), type: r.type, area: r.area, deliveryStatus: r.deliveryStatus, ownerIds: checked.personKeys[i]! })),
      { countParking: true },
    );
    expect(electorate.count).toBe(counts.votingSubjects);
    expect(electorate.area).toBe(counts.areaHundredths);
    expect(electorate.breakdown.coOwnedParts).toBe(rows.filter((r) => r.deliveryStatus === '已交付' && r.owners.includes('、')).length);
  });

  it('writes the template layout: header, frozen row, number and text formats', async () => {
    const rows = generateRoster({ parts: 50, seed: 9 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeRosterWorkbook(rows, { title: '某小区花名册' })) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['花名册']);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...ROSTER_HEADERS]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(51);
    const area = sheet.getCell('E2');
    expect(area.value).toBe(Number(rows[0]!.area));
    expect(area.numFmt).toBe('0.00');
    for (const col of ['C', 'I', 'J']) expect(sheet.getCell(`${col}2`).numFmt).toBe('@');
    expect(typeof sheet.getCell('I2').value).toBe('string');
    expect(sheet.getColumn(9).width).toBeGreaterThanOrEqual(20);
    expect(workbook.title).toBe('某小区花名册');
  });

  it('gives the template with instructions, and the untouched template has no data rows', async () => {
    const data = await writeRosterWorkbook([]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['花名册', '填写说明']);
    const main = workbook.worksheets[0]!;
    expect(main.rowCount).toBe(1);
    expect((main.getRow(1).values as unknown[]).slice(1)).toEqual([...ROSTER_HEADERS]);
    const notes = workbook.worksheets[1]!;
    const text: string[] = [];
    let headerRow = 0;
    notes.eachRow((row, n) => {
      const line = (row.values as unknown[]).slice(1).join(' ');
      text.push(line);
      if (line === ROSTER_HEADERS.join(' ')) headerRow = n;
    });
    const all = text.join('\n');
    for (const phrase of ['单元：可留空', '留空为“住宅”', '留空为“登记”', '留空为“已交付”', '两位小数', '㎡', '平方米', '、 ， , ; ； /', '建设单位', '买受人', '留空是错误', '每个单元格都为空的行会被跳过', '文本']) {
      expect(all).toContain(phrase);
    }
    // The examples on the instructions sheet follow the reading rules.
    expect(headerRow).toBeGreaterThan(1);
    let examples = 0;
    notes.eachRow((row, n) => {
      if (n <= headerRow) return;
      const values = (row.values as unknown[]).slice(1);
      const cells = Object.fromEntries(ROSTER_HEADERS.map((h, i) => [h, values[i]]));
      const result = readRosterRow(cells, n);
      expect(result.errors).toEqual([]);
      expect(result.record).not.toBeNull();
      examples++;
    });
    expect(examples).toBeGreaterThanOrEqual(5);

    const { read } = await readBack('template.xlsx', data);
    expect(read.rows).toEqual([]);
    expect(read.errors).toEqual([{ row: null, message: expect.stringContaining('没有数据行') }]);
  });

  it('reads cells as Excel shows them: numbers, noise, rich text, formulas, full width, merges, gaps', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('业主');
    // Columns in another order, an extra column, a header with a unit note.
    sheet.addRow(['房号', '备注', '楼栋', '业主', '专有部分面积（平方米）', '单元', '类型', '联系电话', '证件号码', '交付状态', '面积来源']);
    sheet.addRow([101, '一楼', '１幢', '张三', 89.35000000000001, '1单元', '住宅', 13812345678, '110101199003071233', '', '']); // row 2
    sheet.addRow(['102', null, '1幢', { richText: [{ text: '李' }, { font: { bold: true }, text: '四' }] }, '８９．５０㎡', '1单元', null, '13900001111', null, null, '实测']); // row 3
    sheet.addRow([{ formula: '"20"&"1"', result: '201' }, null, '1幢', '王五', { formula: 'B1*1', result: 66.6 }, '1单元', null, null, null, null, null]); // row 4
    sheet.addRow([]); // row 5: empty
    sheet.addRow(['S01', '商铺', '3幢', { text: '某某商贸有限公司', hyperlink: 'https://example.com' }, '100 平方米', null, '商铺', null, null, null, '合同']); // row 6
    sheet.addRow(['301', null, '2幢', '赵六', 120.50000000001, null, null, null, null, null, null]); // row 7
    sheet.addRow(['302', null, null, '钱七', 110, null, null, null, null, null, null]); // row 8 (楼栋 merged from row 7)
    sheet.addRow(['303', null, null, '孙八', 95.5, null, null, null, null, null, null]); // row 9
    sheet.mergeCells('C7:C9');
    sheet.addRow([]); // row 10
    sheet.addRow([]); // row 11
    sheet.addRow(['401', '备注', '2幢', '周九', 130, null, null, null, null, '未售', null]); // row 12
    await workbook.xlsx.writeFile(join(dir, 'cells.xlsx'));

    const { read, records, rowErrors } = await readBack('cells.xlsx', await readFile(join(dir, 'cells.xlsx')));
    expect(read.errors).toEqual([]);
    expect(rowErrors).toEqual([]);
    expect(read.rows.map((r) => r.row)).toEqual([2, 3, 4, 6, 7, 8, 9, 12]);
    expect(read.rows[0]!.cells).toEqual({
      房号: '101', 楼栋: '１幢', 业主: '张三', 专有部分面积: 89.35000000000001, 单元: '1单元', 类型: '住宅',
      联系电话: '13812345678', 证件号码: '110101199003071233', 交付状态: '', 面积来源: '',
    });
    const summary = records.map((r) => [r.row, r.building, r.entrance, r.room, r.type, r.area, r.areaSource, r.deliveryStatus, r.owners.map((o) => o.name).join('、'), r.developerName]);
    expect(summary).toEqual([
      [2, '1幢', '1单元', '101', '住宅', 8935, '登记', '已交付', '张三', null],
      [3, '1幢', '1单元', '102', '住宅', 8950, '实测', '已交付', '李四', null],
      [4, '1幢', '1单元', '201', '住宅', 6660, '登记', '已交付', '王五', null],
      [6, '3幢', null, 'S01', '商铺', 10000, '合同', '已交付', '某某商贸有限公司', null],
      [7, '2幢', null, '301', '住宅', 12050, '登记', '已交付', '赵六', null],
      [8, '2幢', null, '302', '住宅', 11000, '登记', '已交付', '钱七', null],
      [9, '2幢', null, '303', '住宅', 9550, '登记', '已交付', '孙八', null],
      [12, '2幢', null, '401', '住宅', 13000, '登记', '未售', '', '周九'],
    ]);
    expect(records[0]!.owners[0]).toEqual({ name: '张三', document: '110101199003071233', phone: '13812345678' });
  });

  it('flags what Excel mangled: IDs as numbers, dates, error values, formulas without results, merged areas', async () => {
    const workbook = new ExcelJS.Workbook();
    const hidden = workbook.addWorksheet('旧表', { state: 'hidden' });
    hidden.addRow(['不是花名册']);
    const sheet = workbook.addWorksheet('花名册');
    sheet.addRow([...ROSTER_HEADERS]);
    sheet.addRow(['1幢', null, '101', null, 90, null, null, '张三', 110101199003071233, '13812345678']); // row 2
    sheet.addRow(['1幢', null, new Date(Date.UTC(2026, 2, 1)), null, 90, null, null, '李四', null, null]); // row 3
    sheet.addRow(['1幢', null, '103', null, { formula: '1/0', result: { error: '#DIV/0!' } }, null, null, '王五', null, null]); // row 4
    sheet.addRow(['1幢', null, '104', null, 80, null, null, { formula: 'X1' }, null, null]); // row 5
    sheet.addRow(['1幢', null, '105', null, 70, null, null, '赵六', null, null]); // row 6
    sheet.addRow(['1幢', null, '106', null, null, null, null, '钱七', null, null]); // row 7
    sheet.mergeCells('E6:E7');
    sheet.addRow(['1幢', null, '107', null, 60, null, null, '孙八', '3.30105E+17', null]); // row 8
    sheet.addRow(['1幢', null, '108', null, 60, null, null, '周九', 330105900101123, null]); // row 9: 15 digits are exact
    await workbook.xlsx.writeFile(join(dir, 'mangled.xlsx'));
    const read = await readRosterFile('mangled.xlsx', await readFile(join(dir, 'mangled.xlsx')));
    expect(read.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '证件号码'], [3, '房号'], [4, '专有部分面积'], [5, '业主'], [7, '专有部分面积'], [8, '证件号码'],
    ]);
    expect(read.errors[0]!.message).toContain('文本');
    expect(read.errors[0]!.message).toContain('15位');
    expect(read.errors[1]!.message).toContain('2026-03-01');
    expect(read.errors[2]!.message).toContain('#DIV/0!');
    expect(read.errors[3]!.message).toContain('计算结果');
    expect(read.errors[4]!.message).toContain('合并');
    expect(read.errors[5]!.message).toContain('科学计数法');
    expect(read.rows.find((r) => r.row === 2)!.cells['证件号码']).toBeUndefined();
    expect(read.rows.find((r) => r.row === 3)!.cells['房号']).toBe('2026-03-01');
    expect(read.rows.find((r) => r.row === 9)!.cells['证件号码']).toBe('330105900101123');
  });

  it('falls back to the streaming reader when ExcelJS cannot load a workbook, and refuses what that reader garbles', async () => {
    // Workbooks in the 1904 date system are left to ExcelJS by the fast reader (xlsx-fast.ts).
    const to1904 = async (data: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(data as unknown as ArrayBuffer);
      wb.properties.date1904 = true;
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const rows = generateRoster({ parts: 80, seed: 21 });
    const exported = await to1904(await writeRosterWorkbook(rows));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('花名册');
    sheet.addRow([...ROSTER_HEADERS]);
    sheet.addRow(['１幢', null, 101, null, 89.35000000000001, null, null, { richText: [{ text: '李' }, { text: '四' }] }, null, 13812345678]);
    sheet.addRow([]);
    sheet.addRow(['1幢', null, { formula: '"10"&"2"', result: '102' }, null, { formula: '1+1', result: 66.6 }, null, null, '王五', null, null]);
    workbook.properties.date1904 = true;
    const built = Buffer.from(await workbook.xlsx.writeBuffer());
    const normal = [await readRosterFile('a.xlsx', exported), await readRosterFile('b.xlsx', built)];
    // 5,000 rows: the streaming reader splits a Chinese character between two chunks somewhere (U+FFFD).
    const large = await to1904(await writeRosterWorkbook(generateRoster({ parts: 5_000, seed: 21 })));
    expect((await readRosterFile('c.xlsx', large)).errors).toEqual([]);

    const spy = vi.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get').mockReturnValue({
      load: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'anchors')")),
    } as unknown as ExcelJS.Xlsx);
    try {
      const fallback = [await readRosterFile('a.xlsx', exported), await readRosterFile('b.xlsx', built)];
      expect(spy).toHaveBeenCalled();
      expect(fallback).toEqual(normal);
      expect(fallback[1]!.rows.map((r) => r.row)).toEqual([2, 4]);
      expect(fallback[1]!.rows[0]!.cells).toEqual({ 楼栋: '１幢', 房号: '101', 专有部分面积: 89.35000000000001, 业主: '李四', 联系电话: '13812345678' });
      expect(fallback[0]!.rows).toHaveLength(80);
      expect(await readRosterFile('c.xlsx', large)).toEqual({ rows: [], errors: [{ row: null, message: expect.stringContaining('乱码') }] });
    } finally {
      spy.mockRestore();
    }
  });

  it('reports header problems on row 1', async () => {
    const build = async (header: unknown[][], name: string) => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('花名册');
      for (const row of header) sheet.addRow(row);
      return readRosterFile(name, Buffer.from(await workbook.xlsx.writeBuffer()));
    };
    const missing = await build([ROSTER_HEADERS.filter((h) => h !== '交付状态' && h !== '单元'), ['1幢', '101']], 'missing.xlsx');
    expect(missing.rows).toEqual([]);
    expect(missing.errors.map((e) => [e.row, e.column])).toEqual([[1, '单元'], [1, '交付状态']]);
    expect(missing.errors[0]!.message).toMatch(/^缺少列“单元”/);
    expect(missing.errors[0]!.message).toContain(ROSTER_HEADERS.join('、'));

    const twice = await build([[...ROSTER_HEADERS, ' 房号 ']], 'twice.xlsx');
    expect(twice.errors).toEqual([{ row: 1, column: '房号', message: expect.stringContaining('第C列和第K列') }]);

    const titled = await build([['某某小区业主花名册'], [...ROSTER_HEADERS], ['1幢']], 'titled.xlsx');
    expect(titled.errors).toEqual([{ row: 1, message: expect.stringContaining('表头似乎在第2行') }]);

    const empty = await build([], 'empty.xlsx');
    expect(empty.errors).toEqual([{ row: null, message: expect.stringContaining('没有任何内容') }]);
  });

  it('normalises header text', () => {
    expect(normalizeHeader(' 专有部分面积（㎡）')).toBe('专有部分面积');
    expect(normalizeHeader('专有部分面积(平方米)')).toBe('专有部分面积');
    expect(normalizeHeader('*业主')).toBe('业主');
    expect(normalizeHeader('联系 电话')).toBe('联系电话');
    expect(normalizeHeader('业主姓名')).toBe('业主姓名');
  });

  it('refuses .xls, broken and non-workbook files with a file-level error naming the accepted formats', async () => {
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    const old = await readRosterFile('花名册.xls', xls);
    expect(old.rows).toEqual([]);
    expect(old.errors).toHaveLength(1);
    expect(old.errors[0]!.row).toBeNull();
    expect(old.errors[0]!.message).toContain('.xlsx');
    expect(old.errors[0]!.message).toMatch(/UTF-8 或 GBK/);
    // Named .csv, still an xls: the content decides.
    expect((await readRosterFile('花名册.csv', xls)).errors[0]!.message).toContain('.xls');

    const good = await writeRosterWorkbook(generateRoster({ parts: 30 }));
    const truncated = await readRosterFile('broken.xlsx', good.subarray(0, Math.floor(good.length / 2)));
    expect(truncated.rows).toEqual([]);
    expect(truncated.errors).toEqual([{ row: null, message: expect.stringContaining('无法读取') }]);

    const notZip = await readRosterFile('fake.xlsx', Buffer.from('楼栋,单元\n'));
    expect(notZip.errors).toEqual([{ row: null, message: expect.stringContaining('不是 Excel 工作簿') }]);

    const png = await readRosterFile('photo.csv', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    expect(png.errors).toEqual([{ row: null, message: expect.stringContaining('xlsx') }]);

    const html = await readRosterFile('导出.xls', Buffer.from('<html><table><tr><td>楼栋</td></tr></table></html>'));
    expect(html.errors).toEqual([{ row: null, message: expect.stringContaining('HTML') }]);

    const empty = await readRosterFile('empty.csv', Buffer.alloc(0));
    expect(empty).toEqual({ rows: [], errors: [{ row: null, message: expect.stringContaining('空') }] });
  });
});

describe('CSV', () => {
  const rows = generateRoster({ parts: 120, seed: 11 });

  it('reads UTF-8 and UTF-8 with BOM as written by writeRosterCsv', async () => {
    for (const encoding of ['utf8', 'utf8bom'] as const) {
      const file = join(dir, `roster-${encoding}.csv`);
      await writeRosterCsv(file, rows, encoding);
      const bytes = await readFile(file);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(encoding === 'utf8bom');
      const { read, records, rowErrors } = await readBack(`back-${encoding}.csv`, bytes);
      expect(read.errors).toEqual([]);
      expect(rowErrors).toEqual([]);
      expect(read.rows[0]!.cells['楼栋']).toBe(rows[0]!.building); // no BOM left on the first header
      expectRecordsMatch(records, rows);
    }
  });

  it('reads GBK as Excel on Chinese Windows saves it', async () => {
    // printf '楼栋,…\r\n１幢,1单元,101,住宅,"1,089.50",…' | iconv -f UTF-8 -t GBK | xxd -p
    const gbk = Buffer.from(
      'c2a5b6b02cb5a5d4aa2cb7bfbac52cc0e0d0cd2cd7a8d3d0b2bfb7d6c3e6bbfd2cc3e6bbfdc0b4d4b42cbdbbb8b6d7b4ccac2cd2b5d6f72cd6a4bcfebac5c2eb2cc1aacfb5b5e7bbb00d0a'
      + 'a3b1b4b12c31b5a5d4aa2c3130312cd7a1d5ac2c22312c3038392e3530222cb5c7bcc72cd2d1bdbbb8b62c22d5c5c8fda1a2c0eecbc4222c313130313031313939303033303731323333a1a23131303130313139383531323132303031392c3133383132333435363738a1a231333930303030313131310d0a'
      + '32b4b12c2c3230322cc9ccc6cc2c35362e38a94f2c2c2c22c4b3c4b3c9ccc3b3d3d0cfdeb9abcbbe222c39313333303130304d413248334b354c37552c303537312d38383838383838380d0a',
      'hex',
    );
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const { read, records, rowErrors } = await readBack('gbk.csv', gbk);
    expect(read.errors).toEqual([]);
    expect(rowErrors).toEqual([]);
    expect(read.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(read.rows[0]!.cells['楼栋']).toBe('１幢');
    expect(records.map((r) => [r.building, r.entrance, r.room, r.type, r.area, r.areaSource, r.deliveryStatus])).toEqual([
      ['1幢', '1单元', '101', '住宅', 108950, '登记', '已交付'],
      ['2幢', null, '202', '商铺', 5680, '登记', '已交付'],
    ]);
    expect(records[0]!.owners).toEqual([
      { name: '张三', document: '110101199003071233', phone: '13812345678' },
      { name: '李四', document: '110101198512120019', phone: '13900001111' },
    ]);
    expect(records[1]!.owners).toEqual([{ name: '某某商贸有限公司', document: '91330100MA2H3K5L7U', phone: '057188888888' }]);
  });

  it('follows RFC 4180 quoting and counts rows as Excel shows them', async () => {
    const header = [...ROSTER_HEADERS, '备注'].join(',');
    const text = [
      header,
      '1幢,1单元,101,,89.5,,,"王五,赵六","110101199003071233,110101198512120019",13812345678;13900001111,"第一行\r\n第二行"',
      '1幢,1单元,102,,"1,000.25",,,"O""Brien",,,',
      '',
      '1幢,,"10""3",,70,,,张三,,"138 1234 5678",',
      '1幢,,104,,60,,,"李四",,,"末尾没有换行"',
    ].join('\n');
    const { read, records, rowErrors } = await readBack('quoted.csv', text);
    expect(read.errors).toEqual([]);
    expect(rowErrors).toEqual([]);
    expect(read.rows.map((r) => r.row)).toEqual([2, 3, 5, 6]);
    expect(records.map((r) => [r.row, r.room, r.area, r.owners.map((o) => `${o.name}/${o.document ?? ''}/${o.phone ?? ''}`)])).toEqual([
      [2, '101', 8950, ['王五/110101199003071233/13812345678', '赵六/110101198512120019/13900001111']],
      [3, '102', 100025, ['O"Brien//']],
      [5, '10"3', 7000, ['张三//13812345678']],
      [6, '104', 6000, ['李四//']],
    ]);
  });

  it('parses edge cases of the format', () => {
    expect(parseCsv('a,b\r\nc,d\r\n')).toEqual({ records: [['a', 'b'], ['c', 'd']], unclosedQuoteRow: null });
    expect(parseCsv('a,b\n\nc,')).toEqual({ records: [['a', 'b'], [''], ['c', '']], unclosedQuoteRow: null });
    expect(parseCsv('"a\nb",c\rd,"e""f"""')).toEqual({ records: [['a\nb', 'c'], ['d', 'e"f"']], unclosedQuoteRow: null });
    expect(parseCsv('x\ny,"z\n')).toEqual({ records: [['x']], unclosedQuoteRow: 2 });
    expect(parseCsv('a\tb\n', '\t').records).toEqual([['a', 'b']]);
  });

  it('reports an unclosed quote, a missing column, only a header, and tab-separated text', async () => {
    const unclosed = await readRosterFile('bad.csv', Buffer.from(`${ROSTER_HEADERS.join(',')}\n1幢,,101,,80,,,"张三,,,\n1幢,,102\n`));
    expect(unclosed).toEqual({ rows: [], errors: [{ row: 2, message: expect.stringContaining('引号') }] });

    const missing = await readRosterFile('m.csv', Buffer.from(`${ROSTER_HEADERS.filter((h) => h !== '业主').join(',')}\n1幢,,101,,80,,,,\n`));
    expect(missing).toEqual({ rows: [], errors: [{ row: 1, column: '业主', message: expect.stringMatching(/^缺少列“业主”/) }] });

    const onlyHeader = await readRosterFile('h.csv', Buffer.from(`\uFEFF${ROSTER_HEADERS.join(',')}\r\n,,,,,,,,,\r\n`));
    expect(onlyHeader).toEqual({ rows: [], errors: [{ row: null, message: expect.stringContaining('没有数据行') }] });

    const blank = await readRosterFile('blank.csv', Buffer.from('\r\n \r\n'));
    expect(blank.errors).toEqual([{ row: null, message: expect.stringContaining('空') }]);

    const tsv = await readRosterFile('export.txt', Buffer.from(rosterCsv(rows.slice(0, 3)).replace(/,/g, '\t')));
    expect(tsv.errors).toEqual([]);
    expect(tsv.rows.map((r) => [r.row, r.cells['房号']])).toEqual([[2, rows[0]!.room], [3, rows[1]!.room], [4, rows[2]!.room]]);

    const sci = await readRosterFile('sci.csv', Buffer.from(`${ROSTER_HEADERS.join(',')}\n1幢,,101,,80,,,张三,3.30105E+17,1.38123E+10\n`));
    expect(sci.errors.map((e) => [e.row, e.column])).toEqual([[2, '证件号码'], [2, '联系电话']]);
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text")', async () => {
    const text = `${ROSTER_HEADERS.join('\t')}\r\n1幢\t\t101\t\t80\t\t\t张三\t\t\r\n`;
    const read: RosterFileRead = await readRosterFile('unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(read.errors).toEqual([]);
    expect(read.rows).toEqual([{ row: 2, cells: { 楼栋: '1幢', 单元: '', 房号: '101', 类型: '', 专有部分面积: '80', 面积来源: '', 交付状态: '', 业主: '张三', 证件号码: '', 联系电话: '' } }]);
  });
});
