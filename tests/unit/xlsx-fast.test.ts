/**
 * The fast xlsx reader (main/files/xlsx-fast.ts) against ExcelJS's `load` on
 * the same workbooks: every cell as the table reader sees it (cells.ts
 * plainValue; merged cells by their mark) must be the same, and what the
 * fast reader does not accept it must decline rather than misread.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ROSTER_HEADERS } from '../../shared/domain/roster-rows';
import { plainValue } from '../../main/files/cells';
import { MergedCell, type Matrix } from '../../main/files/sheet-matrix';
import { checkXlsx } from '../../main/files/xlsx-guard';
import { fastSheet } from '../../main/files/xlsx-fast';
import { loadSheet } from '../../main/files/xlsx-sheet';
import { writeRosterWorkbook } from '../../main/files/roster-workbook';
import { generateRoster } from '../fixtures/roster-generator';
import { xlsxOfRows, xlsxOfXml } from '../fixtures/table-files';

/** A matrix as the table reader sees it. */
function seen(matrix: Matrix | null) {
  if (matrix === null) return null;
  const show = (v: unknown): unknown => (v instanceof MergedCell
    ? { ...v.info, ...(v.info.merged === 'down' ? { value: plainValue(v.info.value) } : {}) }
    : plainValue(v));
  return matrix
    .map((r) => ({ row: r.row, values: Array.from(r.values, (v) => (v === undefined ? undefined : show(v))) }))
    .filter((r) => r.values.some((v) => v !== undefined && (v as { kind?: string }).kind !== 'empty'));
}

async function fast(data: Buffer) {
  const check = await checkXlsx(data);
  if (!check.ok) throw new Error(check.message);
  return fastSheet(check.parts);
}

async function same(data: Buffer) {
  const mine = await fast(data);
  expect(mine, 'the fast reader declined').not.toBeNull();
  expect(seen(mine)).toEqual(seen(await loadSheet(data)));
}

async function book(fill: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('the fast xlsx reader reads as ExcelJS load does', () => {
  it('a roster export and the template (streaming writer: inline strings, number formats, two sheets)', async () => {
    await same(await writeRosterWorkbook(generateRoster({ parts: 3_000, seed: 4 })));
    await same(await writeRosterWorkbook([]));
  });

  it('numbers with float noise, rich text, formulas with and without results, errors, dates, booleans, hyperlinks, merges, a hidden first sheet', async () => {
    await same(await book((wb) => {
      wb.addWorksheet('旧表', { state: 'hidden' }).addRow(['不是这张']);
      const sheet = wb.addWorksheet('表');
      sheet.addRow([...ROSTER_HEADERS, '日期']);
      sheet.addRow(['１幢', null, 101, null, 89.35000000000001, null, null, { richText: [{ text: '李' }, { font: { bold: true }, text: '四' }] }, 110101199003071233, '13812345678', new Date(Date.UTC(2026, 0, 5))]);
      sheet.addRow(['1幢', null, { formula: '"10"&"2"', result: '102' }, null, { formula: '1+1', result: 66.6 }, null, null, { formula: 'X1' }, { error: '#N/A' }, true, '2026/1/5']);
      sheet.addRow(['1幢', null, '103', null, { formula: '1/0', result: { error: '#DIV/0!' } }, null, null, { text: '某公司', hyperlink: 'https://example.com' }, '3.30105E+17', false, 46027]);
      sheet.addRow(['2幢', null, '201', null, 100, null, null, 'A & B <C> "D" \'E\' 😀', null, null, null]);
      sheet.addRow([null, null, '202', null, 100, null, null, '张三', null, null, null]);
      sheet.mergeCells('A5:A6');
      sheet.mergeCells('B2:D2');
      sheet.getCell('K2').numFmt = 'yyyy"年"m"月"d"日"';
      sheet.getCell('K4').numFmt = 'yyyy/m/d';
      sheet.getCell('J2').numFmt = '0.00%';
    }));
  });

  it('shared formulas, a 20,000-row ballot sheet, and a sheet of inline strings without styles', async () => {
    await same(await book((wb) => {
      const sheet = wb.addWorksheet('表决票');
      sheet.addRow(['楼栋', '单元', '房号', '议题1', '议题2']);
      for (let i = 0; i < 20_000; i++) sheet.addRow(['1幢', `${1 + (i % 2)}单元`, String(101 + i), ['同意', '反对', '弃权', ''][i % 4], '同意']);
      sheet.getCell('F2').value = { formula: 'A2&B2', result: '1幢1单元' };
      sheet.getCell('F3').value = { sharedFormula: 'F2', result: '1幢2单元' };
    }));
    await same(xlsxOfRows(['楼栋', '房号'], 50, (n) => ['1幢', n % 2 === 0 ? n : String(n)]));
  });

  it('phonetic guides, inline rich text and entities written by other programs', async () => {
    const sheet = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
      + '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>李</t></r><r><rPr><b/></rPr><t xml:space="preserve">四 </t></r></is></c><c r="C1" t="str"><v>&#x5F20;&#19977;&amp;</v></c></row>'
      + '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" s="1"><v>46027</v></c><c r="C3" t="b"><v>1</v></c></row>'
      + '</sheetData></worksheet>';
    const sst = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
      + '<si><t>楼栋</t><rPh sb="0" eb="2"><t>ロウトウ</t></rPh><phoneticPr fontId="1"/></si><si><r><t>王</t></r><r><t>五</t></r></si></sst>';
    const styles = '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
      + '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>'
      + '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/></cellXfs></styleSheet>';
    const file = xlsxOfXml(sheet, { sharedStrings: sst, styles });
    expect(seen(await fast(file))).toEqual([
      { row: 1, values: [{ kind: 'text', text: '楼栋' }, { kind: 'text', text: '李四 ' }, { kind: 'text', text: '张三&' }] },
      { row: 3, values: [{ kind: 'text', text: '王五' }, { kind: 'date', text: '2026-01-05' }, { kind: 'bool', value: true }] },
    ]);
    await same(file);
  });

  it('reads the Chinese built-in date formats as dates (ExcelJS reads them as numbers)', async () => {
    const styles = '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
      + '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="31"/></cellXfs></styleSheet>';
    const sheet = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
      + '<row r="1"><c r="A1" s="1"><v>46027</v></c></row></sheetData></worksheet>';
    expect(seen(await fast(xlsxOfXml(sheet, { styles })))).toEqual([{ row: 1, values: [{ kind: 'date', text: '2026-01-05' }] }]);
  });

  it('declines what it does not read, so that ExcelJS reads it', async () => {
    const wb1904 = await book((wb) => {
      wb.properties.date1904 = true;
      wb.addWorksheet('表').addRow(['日期', new Date(Date.UTC(2026, 0, 5))]);
    });
    expect(await fast(wb1904)).toBeNull();
    const prefixed = xlsxOfXml('<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
      + '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>楼栋</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>');
    expect(await fast(prefixed)).toBeNull();
    const typedDate = xlsxOfXml('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
      + '<row r="1"><c r="A1" t="d"><v>2026-01-05T00:00:00Z</v></c></row></sheetData></worksheet>');
    expect(await fast(typedDate)).toBeNull();
  });
});
