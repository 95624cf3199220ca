/**
 * Spreadsheet injection: text that begins with = + - @ tab or CR, written by
 * every export and template, comes back as that text — a string cell with the
 * Text format, and no <f> formula element in the sheet's XML — while amounts
 * stay number cells, negative ones included.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { addSafeRow, csvField, isFormulaLike } from '../../main/files/safe-cells';
import { rosterCsv } from '../fixtures/roster-generator';
import { rosterRow } from '../fixtures/worked-roster';
import { call, loggedInApp } from '../helpers';

const HYPERLINK = '=HYPERLINK("http://example.invalid/x","点此查看")';
const DDE = "=cmd|' /C calc'!A0";
const PLUS = '+86 138 0000 0000';
const AT = '@SUM(1+1)';
const MINUS = '-2+3 漏水';

async function workbookOf(file: { base64: string }) {
  const bytes = Buffer.from(file.base64, 'base64');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const zip = await JSZip.loadAsync(bytes);
  const sheetXml = await Promise.all(Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
  return { workbook, sheetXml };
}

/** Every cell of every sheet whose text looks like a formula: each must be a string cell in Text format. */
function formulaLikeCells(workbook: ExcelJS.Workbook) {
  const found: { sheet: string; text: string; type: ExcelJS.ValueType; numFmt: string | undefined }[] = [];
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) => row.eachCell((cell) => {
      const text = typeof cell.value === 'string' ? cell.value : cell.type === ExcelJS.ValueType.Formula ? `=${cell.formula}` : '';
      if (isFormulaLike(text)) found.push({ sheet: sheet.name, text, type: cell.type, numFmt: cell.numFmt });
    }));
  }
  return found;
}

function expectAllText(cells: ReturnType<typeof formulaLikeCells>, texts: string[]) {
  for (const text of texts) expect(cells.map((c) => c.text)).toContain(text);
  for (const c of cells) {
    expect(c.type, `${c.sheet}: ${c.text}`).toBe(ExcelJS.ValueType.String);
    expect(c.numFmt, `${c.sheet}: ${c.text}`).toBe('@');
  }
}

async function setup() {
  const { app, session } = await loggedInApp();
  const rows = [
    rosterRow(HYPERLINK, '101', '89.50', '张三', { documents: '', phones: '' }),
    rosterRow('1幢', '102', '95.00', AT),
    rosterRow('1幢', MINUS, '60.00', '李四'),
  ];
  const csv = Buffer.from(rosterCsv(rows), 'utf8').toString('base64');
  const { communityId } = await call(app, 'roster.import', { file: { fileName: 'r.csv', base64: csv }, community: { name: '和平小区' } }, session);
  return { app, session, communityId };
}

describe('spreadsheet exports keep formula-like text as text', () => {
  it('the roster export: buildings, rooms and owners that start with = @ - are string cells in Text format, areas numbers', async () => {
    const { app, session, communityId } = await setup();
    const { workbook, sheetXml } = await workbookOf(await call(app, 'roster.export', { communityId }, session));
    expectAllText(formulaLikeCells(workbook), [HYPERLINK, AT, MINUS]);
    for (const xml of sheetXml) expect(xml).not.toMatch(/<f[ >]/);
    const sheet = workbook.getWorksheet('花名册')!;
    const areaColumn = (sheet.getRow(1).values as unknown[]).indexOf('专有部分面积');
    const areas = [2, 3, 4].map((r) => sheet.getRow(r).getCell(areaColumn));
    expect(areas.map((c) => c.type)).toEqual([ExcelJS.ValueType.Number, ExcelJS.ValueType.Number, ExcelJS.ValueType.Number]);
    // Cells that are plain text keep their column's style (the guard copies, never changes a shared style).
    const room = (sheet.getRow(1).values as unknown[]).indexOf('房号');
    expect(sheet.getRow(2).getCell(room).numFmt).toBe('@');
    const owner = (sheet.getRow(1).values as unknown[]).indexOf('业主');
    expect(sheet.getRow(2).getCell(owner).numFmt).toBeUndefined();
  });

  it('the books: memo, payer and reference stay text; a negative balance stays a number cell', async () => {
    const { app, session, communityId } = await setup();
    const books = await call(app, 'ledger.books', { communityId }, session);
    const account = (role: string) => books.accounts.find((a) => a.role === role)!;
    const base = { communityId, date: '2026-03-02' };
    await call(app, 'ledger.record', {
      ...base, form: 'income', amount: '5000', debitAccountId: account('revenue-bank').id, creditAccountId: account('revenue').id,
      memo: DDE, counterparty: PLUS, reference: '@REF',
    }, session);
    await call(app, 'ledger.record', {
      ...base, form: 'expense', amount: '6000', debitAccountId: account('revenue-cost').id, creditAccountId: account('revenue-bank').id, memo: '-300.50 退款',
    }, session);
    const { workbook, sheetXml } = await workbookOf(await call(app, 'ledger.export', { communityId }, session));
    expectAllText(formulaLikeCells(workbook), [DDE, PLUS, '@REF', '-300.50 退款']);
    for (const xml of sheetXml) expect(xml).not.toMatch(/<f[ >]/);
    // The bank account paid out more than came in: its balance is a negative number cell.
    const balances = workbook.getWorksheet('科目余额')!;
    const negative: number[] = [];
    balances.eachRow((row, n) => {
      if (n === 1) return;
      expect(row.getCell(3).type).toBe(ExcelJS.ValueType.Number);
      if ((row.getCell(3).value as number) < 0) negative.push(row.getCell(3).value as number);
    });
    expect(negative.length).toBeGreaterThan(0);
  });

  it('the issue ledger and the templates', async () => {
    const { app, session, communityId } = await setup();
    await call(app, 'issue.create', { communityId, title: HYPERLINK, category: '其他', reportedAt: '2026-01-01T09:00', reporter: AT, place: MINUS }, session);
    const issues = await workbookOf(await call(app, 'issue.export', { communityId }, session));
    expectAllText(formulaLikeCells(issues.workbook), [HYPERLINK, AT, MINUS]);
    for (const xml of issues.sheetXml) expect(xml).not.toMatch(/<f[ >]/);

    const opening = await workbookOf(await call(app, 'fund.openingTemplate', { communityId }, session));
    expectAllText(formulaLikeCells(opening.workbook), [HYPERLINK, MINUS]);
    for (const xml of opening.sheetXml) expect(xml).not.toMatch(/<f[ >]/);

    for (const method of ['roster.template', 'holiday.template'] as const) {
      const template = await workbookOf(await call(app, method, {}, session));
      for (const xml of template.sheetXml) expect(xml).not.toMatch(/<f[ >]/);
    }
  });
});

describe('the rule itself', () => {
  it('guards tab and carriage return too (the contract trims them from typed text, a file may still carry them); numbers are left alone', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    addSafeRow(sheet, ['\tTAB', '\rCR', -5, 'plain', '-']);
    const back = await workbookOf({ base64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') });
    const row = back.workbook.getWorksheet('s')!.getRow(1);
    expect([1, 2, 3, 4, 5].map((c) => [row.getCell(c).type, row.getCell(c).numFmt])).toEqual([
      [ExcelJS.ValueType.String, '@'], [ExcelJS.ValueType.String, '@'], [ExcelJS.ValueType.Number, undefined],
      [ExcelJS.ValueType.String, undefined], [ExcelJS.ValueType.String, '@'],
    ]);
    expect(row.getCell(3).value).toBe(-5);
  });
});

describe('CSV fields', () => {
  it('put a single quote before formula-like text and quote what needs quoting; numbers stay as written', () => {
    expect(csvField(HYPERLINK)).toBe(`"'=HYPERLINK(""http://example.invalid/x"",""点此查看"")"`);
    expect(['=1+1', '+1', '-1', '@A1', '\t1', '\r1'].map(csvField)).toEqual(["'=1+1", "'+1", "'-1", "'@A1", "'\t1", `"'\r1"`]);
    expect(csvField(-1234.5)).toBe('-1234.5');
    expect(csvField('张三')).toBe('张三');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField(null)).toBe('');
  });
});
