import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FILE_LIMITS } from '../../shared/domain/file-limits';
import { readDateText } from '../../shared/domain/dates';
import { countRecords, parseCsv } from '../../main/files/csv';
import { readTableFile, type TableSpec } from '../../main/files/table-file';
import { checkXlsx } from '../../main/files/xlsx-guard';
import { ballotFileSpec } from '../../main/services/votes/ballot-import';
import { encodeGbk, xlsxBomb, xlsxOfRows } from '../fixtures/table-files';

async function xlsx(rows: unknown[][], edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('表');
  for (const r of rows) sheet.addRow(r);
  edit?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const ITEMS = [{ title: '续聘物业' }, { title: '更新电梯' }];
const ballots = ballotFileSpec(ITEMS);

const SPEC: TableSpec = {
  what: '测试文件', template: '测试模板', rowIs: '一行',
  columns: [
    { header: '名称' }, { header: '日期', type: 'date' }, { header: '金额', type: 'number' }, { header: '号码', type: 'code' },
    { header: '备注', optional: true, maxChars: FILE_LIMITS.textChars },
  ],
  otherColumns: 'refuse',
};

describe('columns by header', () => {
  it('reads item columns by 议题N or by the item title, in any order, with 有效/备注 anywhere', async () => {
    const file = await xlsx([
      ['备注', '房号', '更新电梯', '楼栋', '议题1', '单元', '有效'],
      ['', '101', '反对', '1幢', '同意', '', ''],
      ['字迹不清', '102', '', '1幢', '弃权', '', '否'],
    ]);
    const read = await readTableFile('b.xlsx', file, ballots);
    expect(read.errors).toEqual([]);
    expect(read.rows).toEqual([
      { row: 2, cells: { 备注: '', 房号: '101', 议题2: '反对', 楼栋: '1幢', 议题1: '同意', 单元: '', 有效: '' } },
      { row: 3, cells: { 备注: '字迹不清', 房号: '102', 议题2: '', 楼栋: '1幢', 议题1: '弃权', 单元: '', 有效: '否' } },
    ]);
    // The same from CSV, in GBK, separated by semicolons, headers with full-width digits and spaces.
    const gbk = encodeGbk('楼栋;单元;房号;议题２; 议题 1\r\n1幢;;101;反对;同意\r\n');
    expect((await readTableFile('b.csv', gbk, ballots)).rows).toEqual([{ row: 2, cells: { 楼栋: '1幢', 单元: '', 房号: '101', 议题2: '反对', 议题1: '同意' } }]);
  });

  it('refuses a missing, repeated or unknown column, naming it on row 1', async () => {
    const missing = await readTableFile('b.csv', Buffer.from('楼栋,单元,房号,议题2\n1幢,,101,同意\n'), ballots);
    expect(missing).toEqual({ rows: [], errors: [{ row: 1, column: '议题1', message: expect.stringMatching(/^缺少列“议题1”/) }] });
    expect(missing.errors[0]!.message).toContain('议题1“续聘物业”');

    const twice = await readTableFile('b.csv', Buffer.from('楼栋,单元,房号,议题1,议题2,续聘物业\n'), ballots);
    expect(twice.errors).toEqual([{ row: 1, column: '议题1', message: expect.stringContaining('第4列和第6列“续聘物业”') }]);

    const unknown = await readTableFile('b.csv', Buffer.from('楼栋,单元,房号,议题1,议题2,议题3,签名\n1幢,,101,同意,同意,同意,张三\n'), ballots);
    expect(unknown.rows).toEqual([]);
    expect(unknown.errors).toEqual([
      { row: 1, column: '议题3', message: expect.stringContaining('不是本次表决的议题：本次表决共 2 项议题') },
      { row: 1, column: '签名', message: expect.stringContaining('第7列“签名”不是表决票文件的列') },
    ]);
  });

  it('a title shared by two items names neither; their numbers still do', async () => {
    const same = ballotFileSpec([{ title: '选聘物业' }, { title: '选聘物业' }]);
    const byTitle = await readTableFile('b.csv', Buffer.from('楼栋,单元,房号,选聘物业,议题2\n'), same);
    expect(byTitle.errors[0]).toMatchObject({ row: 1, column: '选聘物业', message: expect.stringContaining('同时是“议题1”、“议题2”的名称') });
    const byNumber = await readTableFile('b.csv', Buffer.from('楼栋,单元,房号,议题2,议题1\n1幢,,101,同意,反对\n'), same);
    expect(byNumber.rows[0]!.cells).toMatchObject({ 议题1: '反对', 议题2: '同意' });
  });

  it('ignores other columns where the spec says so, and finds a header below a title row', async () => {
    const ignoring = { ...SPEC, otherColumns: 'ignore' as const };
    const read = await readTableFile('t.csv', Buffer.from('名称,日期,金额,号码,车牌\n甲,2026-01-05,1,1,浙A\n'), ignoring);
    expect(read.errors).toEqual([]);
    expect(read.rows[0]!.cells).toEqual({ 名称: '甲', 日期: '2026-01-05', 金额: '1', 号码: '1' });
    const titled = await readTableFile('t.csv', Buffer.from('某小区表决票\n楼栋,单元,房号,议题1,议题2\n'), ballots);
    expect(titled.errors).toEqual([{ row: 1, message: expect.stringContaining('表头似乎在第2行') }]);
  });
});

describe('cells as Excel stores them', () => {
  it('reads dates stored as dates, day numbers or text; refuses what cannot be read, naming row and column', async () => {
    const file = await xlsx([
      ['名称', '日期', '金额', '号码', '备注'],
      ['甲', new Date(Date.UTC(2026, 0, 5)), 89.35000000000001, '13812345678', ''], // row 2
      ['乙', 46027, '1,234.50', 13812345678, ''], // row 3: 46027 is 2026-01-05 as an Excel day number
      ['丙', '2026年1月5日', { formula: 'A1*2' }, '3.30105E+17', ''], // row 4: a formula without a saved value
      ['丁', '2026/1/5 10:23:45', new Date(Date.UTC(2026, 0, 5)), 330105199001011234, ''], // row 5
      ['戊', '20260105', { formula: '1/0', result: { error: '#DIV/0!' } }, '1', 'x'.repeat(FILE_LIMITS.textChars + 1)], // row 6
      ['己'.repeat(FILE_LIMITS.nameChars + 1), '2026-13-01', 1, '1', ''], // row 7
    ]);
    const read = await readTableFile('t.xlsx', file, SPEC);
    expect(read.rows.map((r) => [r.row, r.cells['日期'], r.cells['金额']])).toEqual([
      [2, '2026-01-05', 89.35000000000001], [3, '2026-01-05', '1,234.50'], [4, '2026-01-05', undefined],
      [5, '2026-01-05', undefined], [6, '2026-01-05', undefined], [7, '2026-13-01', 1],
    ]);
    expect(read.errors.map((e) => [e.row, e.column])).toEqual([
      [4, '金额'], [4, '号码'], [5, '金额'], [5, '号码'], [6, '金额'], [6, '备注'], [7, '名称'],
    ]);
    const text = read.errors.map((e) => e.message).join('\n');
    expect(text).not.toContain('[object Object]');
    expect(read.errors[0]!.message).toContain('公式，但文件中没有保存计算结果');
    expect(read.errors[1]!.message).toContain('科学计数法');
    expect(read.errors[2]!.message).toContain('是日期，应为数字');
    expect(read.errors[3]!.message).toContain('15位有效数字');
    expect(read.errors[4]!.message).toContain('#DIV/0!');
    expect(read.errors[5]!.message).toBe('备注有 10,001 个字符，超过 10,000 个字符的上限：请检查该单元格（可能误粘贴了大段内容）');
    expect(read.errors[6]!.message).toContain('超过 1,000 个字符的上限');
  });

  it('reads dates typed as text the way offices and banks write them', () => {
    expect(['2026-01-05', '2026/1/5', '2026.1.5', '2026年1月5日', '２０２６年１月５日', '20260105', '2026-01-05 10:23', '2026/01/05T08:00:00'].map(readDateText))
      .toEqual(Array(8).fill('2026-01-05'));
    expect(['2026-02-30', '2026/13/1', '05/01/2026', '2026', '一月五日', ''].map(readDateText)).toEqual(Array(6).fill(null));
  });
});

describe('limits, checked before the work', () => {
  it('refuses a file over the size limit without reading it', async () => {
    const big = Buffer.alloc(FILE_LIMITS.fileBytes + 1, 0x61);
    expect(await readTableFile('big.csv', big, SPEC)).toEqual({ rows: [], errors: [{ row: null, message: expect.stringContaining('超过 40 MB 的上限') }] });
  });

  it('refuses a CSV of more than 200,000 rows before parsing it, and reads one of exactly that many', async () => {
    const header = '楼栋,单元,房号,议题1,议题2\n';
    const rows = (n: number) => header + '1幢,,101,同意,\n'.repeat(n);
    const over = await readTableFile('b.csv', Buffer.from(rows(FILE_LIMITS.rows + 1)), ballots);
    expect(over).toEqual({ rows: [], errors: [{ row: null, message: expect.stringContaining('超过 200,000 行') }] });
    const at = await readTableFile('b.csv', Buffer.from(rows(FILE_LIMITS.rows)), ballots);
    expect(at.errors).toEqual([]);
    expect(at.rows).toHaveLength(FILE_LIMITS.rows);
  });

  it('refuses an xlsx of more than 200,000 rows from its zip, before ExcelJS reads it', async () => {
    const file = xlsxOfRows(['楼栋', '单元', '房号', '议题1', '议题2'], FILE_LIMITS.rows + 1, (n) => ['1幢', '', String(n), '同意', '']);
    expect(await checkXlsx(file)).toEqual({ ok: false, message: expect.stringContaining('超过 200,000 行') });
    expect((await readTableFile('b.xlsx', file, ballots)).errors).toEqual([{ row: null, message: expect.stringContaining('超过 200,000 行') }]);
    // A small one from the same writer is read.
    const small = xlsxOfRows(['楼栋', '单元', '房号', '议题1', '议题2'], 2, (n) => ['1幢', '', String(100 + n), '同意', '反对']);
    expect(await checkXlsx(small)).toMatchObject({ ok: true, rows: 3 });
    expect((await readTableFile('b.xlsx', small, ballots)).rows.map((r) => r.cells['房号'])).toEqual(['102', '103']);
  });

  it('refuses zip bombs, honest or lying about their size, without unpacking them', async () => {
    const honest = xlsxBomb(1024, false); // 1 GB of spaces in about 1 MB
    expect(honest.length).toBeLessThan(2 * 1024 * 1024);
    expect((await readTableFile('bomb.xlsx', honest, ballots)).errors).toEqual([{ row: null, message: expect.stringContaining('解压后有 1024 MB，超过 160 MB 的上限') }]);
    const before = process.memoryUsage().rss;
    const lying = await readTableFile('bomb.xlsx', xlsxBomb(1024, true), ballots);
    expect(lying.errors).toEqual([{ row: null, message: expect.stringContaining('比文件自身声明的大小还要大') }]);
    // Unpacking stopped at the first chunk past the claimed 2 KB: nowhere near a gigabyte was held.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('counts CSV records exactly as the parser makes them', () => {
    const text = fc.array(fc.constantFrom('a', '幢', ',', ';', '"', '\n', '\r', '\r\n', '\t'), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, fc.constantFrom(',', ';', '\t'), (csv, sep) => {
      const parsed = parseCsv(csv, sep);
      const expected = parsed.unclosedQuoteRow === null ? parsed.records.length : parsed.unclosedQuoteRow;
      expect(countRecords(Buffer.from(csv), sep, 1_000)).toBe(expected);
      expect(countRecords(encodeGbk(csv), sep, 1_000)).toBe(expected);
    }), { numRuns: 2_000 });
  });
});
