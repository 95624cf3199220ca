/**
 * Reading an uploaded xlsx for the imports that are not the roster (ballots,
 * opening balances, bank statements): the first sheet as cleaned text cells,
 * merged cells read from their master, dates as YYYY-MM-DD.
 */
import { AppError } from '../../shared/contract/errors';
import { cleanCell } from '../../shared/domain/text';

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Excel date cells arrive as Dates at UTC midnight of the calendar day.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: string; result?: unknown };
    if (v.richText) return cleanCell(v.richText.map((r) => r.text).join(''));
    if (v.text !== undefined) return cleanCell(String(v.text));
    if (v.result !== undefined) return cleanCell(String(v.result));
  }
  return cleanCell(String(value));
}

/** The first sheet's header and non-empty rows as cleaned text, with Excel's row numbers. */
export async function readSheetRows(base64: string): Promise<{ header: string[]; rows: { row: number; cells: string[] }[] }> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    const message = '无法读取文件：请上传 Excel 工作簿（.xlsx）；旧版 .xls 请先在 Excel 或 WPS 中另存为 .xlsx';
    throw new AppError('VALIDATION', message, [{ row: null, message }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('VALIDATION', '工作簿中没有工作表', [{ row: null, message: '工作簿中没有工作表' }]);
  const width = sheet.columnCount;
  const read = (n: number) => Array.from({ length: width }, (_, i) => {
    const cell = sheet.getRow(n).getCell(i + 1);
    // A merged 楼栋 or 单元 cell holds its value in the first row only.
    return cellText(cell.isMerged ? cell.master.value : cell.value);
  });
  const rows: { row: number; cells: string[] }[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const cells = read(n);
    if (cells.some((c) => c !== '')) rows.push({ row: n, cells });
  }
  return { header: read(1), rows };
}

