/**
 * The first visible worksheet of an xlsx as rows of ExcelJS cell values.
 *
 * ExcelJS's `workbook.xlsx.load` reads it: it reads merged cells, which
 * Chinese rosters use a lot (one 楼栋 cell merged over a whole building).
 * When `load` throws (certain charts and drawings), the streaming reader
 * tries. That one is about twice as fast, but it ignores merged cells, keeps
 * only the last run of an inline rich-text cell, reads phonetic guides as
 * text, drops the error a formula resulted in — and decodes each chunk of a
 * sheet on its own, so a Chinese character split between two chunks comes
 * out as U+FFFD. A sheet it read with such a character is refused rather
 * than imported with a garbled name.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { GarbledText, MergedCell, type Matrix } from './sheet-matrix';


/**
 * Parts of a worksheet no import needs: skipping them saves time (the roster
 * template's drop-down lists cover 60,000 cells) and avoids parsing what
 * ExcelJS sometimes chokes on. Hyperlinked cells keep their displayed text.
 */
const IGNORED_SHEET_PARTS = [
  'dataValidations', 'conditionalFormatting', 'extLst', 'hyperlinks', 'picture', 'drawing', 'legacyDrawing',
  'tableParts', 'pageSetup', 'headerFooter', 'printOptions', 'rowBreaks', 'autoFilter', 'sheetProtection',
];

const MERGE = ExcelJS.ValueType.Merge;

function pickSheet<T extends { state?: string }>(sheets: readonly T[]): T | undefined {
  return sheets.find((s) => s.state === undefined || s.state === 'visible' || s.state === 'show') ?? sheets[0];
}

/** Read the first visible worksheet (null when the workbook has none): with `load`, else with the streaming reader. */
export async function readSheet(data: Buffer): Promise<Matrix | null> {
  try {
    return await loadSheet(data);
  } catch {
    const matrix = await streamSheet(data);
    if (matrix?.some((r) => r.values.some((v) => JSON.stringify(v ?? '').includes('\ufffd')))) throw new GarbledText();
    return matrix;
  }
}

/**
 * With `load`. Merged cells: a merge within one column (楼栋 merged down a
 * building) gives every row its value; a merge across columns is marked so
 * the reader can refuse it at that cell.
 */
export async function loadSheet(data: Buffer): Promise<Matrix | null> {
  const workbook = new ExcelJS.Workbook();
  // ExcelJS types say ArrayBuffer; at run time it takes a Node Buffer (JSZip reads both).
  await workbook.xlsx.load(data as unknown as ArrayBuffer, { ignoreNodes: IGNORED_SHEET_PARTS });
  const sheet = pickSheet(workbook.worksheets);
  if (!sheet) return null;
  const matrix: Matrix = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: unknown[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (cell.type === MERGE) {
        const master = cell.master;
        values[col - 1] = new MergedCell(master.col === cell.col && Number(master.row) > 1
          ? { merged: 'down', value: master.value, masterRow: Number(master.row) }
          : { merged: 'across', masterAddress: master.address });
      } else {
        values[col - 1] = cell.value;
      }
    });
    matrix.push({ row: rowNumber, values });
  });
  return matrix;
}

/** With the streaming reader (no merged cells). */
export async function streamSheet(data: Buffer): Promise<Matrix | null> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(data), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  let matrix: Matrix | null = null;
  for await (const sheet of reader) {
    const state = (sheet as unknown as { state?: string }).state;
    const wanted = matrix === null && (state === undefined || state === 'visible');
    const rows: Matrix = [];
    // Other sheets are read to the end too, so that their temporary files are closed.
    for await (const row of sheet) {
      if (!wanted) continue;
      const values: unknown[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        values[col - 1] = cell.value;
      });
      rows.push({ row: row.number, values });
    }
    if (wanted) matrix = rows;
  }
  return matrix;
}
