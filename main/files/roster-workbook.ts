/**
 * Writes the roster (花名册) as an xlsx in the template layout: one sheet
 * "花名册" whose first row is exactly ROSTER_HEADERS, data rows after it, so
 * that an export can be edited and imported again with readRosterFile.
 *
 * With no rows it is the downloadable template: the main sheet holds only the
 * header (importing the untouched template gives the "no data rows" error) and
 * a second sheet "填写说明" explains the reading rules with examples.
 *
 * Uses ExcelJS's streaming writer: for 20,000 rows it is about three times as
 * fast as building a Workbook in memory and uses far less memory.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { ROSTER_HEADERS, type RosterHeader } from '../../shared/domain/roster-rows';
import { AREA_SOURCES, DELIVERY_STATUSES, PART_TYPES } from '../../shared/domain/register';
import { guardFormulaText } from './safe-cells';

export interface RosterExportRow {
  building: string;
  entrance: string | null;
  room: string;
  type: string;
  /** Two decimals, e.g. "89.50" (m²). */
  area: string;
  areaSource: string;
  deliveryStatus: string;
  /** Co-owners joined by 、 */
  owners: string;
  /** Documents in the same order as owners, joined by 、 ('' when none). */
  documents: string;
  /** Phones in the same order as owners, joined by 、 ('' when none). */
  phones: string;
}

export const ROSTER_SHEET_NAME = '花名册';
export const INSTRUCTIONS_SHEET_NAME = '填写说明';

/** A font that Excel and WPS on Chinese Windows render well. */
const FONT = { name: '宋体', size: 11, charset: 134 } as const;
const FONT_STYLE: Partial<ExcelJS.Font> = { ...FONT };
const TEXT_FORMAT = '@';
const AREA_FORMAT = '0.00';

const COLUMN_WIDTHS: Record<RosterHeader, number> = {
  楼栋: 10, 单元: 8, 房号: 10, 类型: 8, 专有部分面积: 14, 面积来源: 10, 交付状态: 12, 业主: 24, 证件号码: 42, 联系电话: 28,
};
const TEXT_COLUMNS: ReadonlySet<RosterHeader> = new Set<RosterHeader>(['房号', '证件号码', '联系电话']);

/** How many empty template rows get the drop-down lists of 类型/面积来源/交付状态. */
const VALIDATION_ROWS = 20000;

export async function writeRosterWorkbook(
  rows: readonly RosterExportRow[],
  options: { title?: string } = {},
): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
    creator: '三方办',
    lastModifiedBy: '三方办',
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  if (options.title) workbook.title = options.title;

  const sheet = workbook.addWorksheet(ROSTER_SHEET_NAME, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  // One style object per column, assigned to every cell: ExcelJS caches a
  // style's id by object identity, so this is ~3× faster than letting each
  // cell merge its own copy of the column style.
  const styles = ROSTER_HEADERS.map((h): Partial<ExcelJS.Style> => ({
    font: FONT_STYLE,
    ...(TEXT_COLUMNS.has(h) ? { numFmt: TEXT_FORMAT } : {}),
    ...(h === '专有部分面积' ? { numFmt: AREA_FORMAT } : {}),
  }));
  sheet.columns = ROSTER_HEADERS.map((h, i) => ({ header: h, key: h, width: COLUMN_WIDTHS[h], style: styles[i]! }));
  const header = sheet.getRow(1);
  const headerStyle: Partial<ExcelJS.Style> = {
    font: { ...FONT, bold: true },
    alignment: { vertical: 'middle', horizontal: 'center' },
    border: { bottom: { style: 'thin' } },
  };
  for (let c = 1; c <= ROSTER_HEADERS.length; c++) header.getCell(c).style = headerStyle;
  if (rows.length === 0) addDropDowns(sheet);
  header.commit();

  const n = ROSTER_HEADERS.length;
  for (const r of rows) {
    const area = Number(r.area);
    const row = sheet.addRow([
      r.building,
      blankToNull(r.entrance),
      r.room,
      blankToNull(r.type),
      // A number cell formatted 0.00; a value that is not a number is written as given.
      r.area.trim() !== '' && Number.isFinite(area) ? area : blankToNull(r.area),
      blankToNull(r.areaSource),
      blankToNull(r.deliveryStatus),
      blankToNull(r.owners),
      blankToNull(r.documents),
      blankToNull(r.phones),
    ]);
    for (let c = 1; c <= n; c++) row.getCell(c).style = styles[c - 1]!;
    // Owners, rooms and buildings are what people typed: text starting with = stays text.
    guardFormulaText(row);
    row.commit();
  }
  sheet.commit();

  if (rows.length === 0) writeInstructions(workbook.addWorksheet(INSTRUCTIONS_SHEET_NAME));

  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

function blankToNull(value: string | null): string | null {
  return value === null || value === '' ? null : value;
}

type Sheet = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']>;

function addDropDowns(sheet: Sheet): void {
  const list = (column: string, values: readonly string[], title: string): void => {
    const validations = (sheet as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } })
      .dataValidations;
    validations.add(`${column}2:${column}${VALIDATION_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${values.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: title,
      error: `请从下拉列表中选择：${values.join('、')}（可留空）`,
    });
  };
  list('D', PART_TYPES, '类型');
  list('F', AREA_SOURCES, '面积来源');
  list('G', DELIVERY_STATUSES, '交付状态');
}

const INSTRUCTIONS: readonly string[] = [
  '花名册填写说明',
  '',
  '1. 在“花名册”工作表第1行表头下方，从第2行起每行填写一个专有部分（一套房、一个商铺或一个车位）。不要修改、删除或移动表头；列的顺序可以调整，多出的列不会读取。',
  '2. 楼栋：必填，如 1幢、2号楼。单元：可留空（没有单元的楼栋）。房号：必填，如 101、S01、C001。楼栋+单元+房号不能重复。',
  `3. 类型：${PART_TYPES.join('、')}之一，留空为“住宅”。`,
  '4. 专有部分面积：必填，单位平方米，大于0，最多两位小数；可写数字，也可带单位，如 89.5、89.50、89.50㎡、89.50m²、89.50平方米。',
  `5. 面积来源：${AREA_SOURCES.join('、')}之一，留空为“登记”（不动产登记面积；没有时填实测面积，再没有时填合同面积）。`,
  `6. 交付状态：${DELIVERY_STATUSES.join('、')}之一，留空为“已交付”。`,
  '7. 业主：已交付的行必须填写业主姓名（或单位名称），留空是错误。未售的行，业主留空或填写建设单位名称（全表只能是同一个名称）。已售未交付的行，填写买受人。',
  '8. 共有人：多位业主共有一套房时，姓名之间用 、 ， , ; ； / 中的一个分隔；证件号码和联系电话按相同顺序、用分隔符分开，一一对应。',
  '9. 证件号码：18位居民身份证号码（末位 x 按 X 读取），或护照、港澳台居民证件、统一社会信用代码等。请把证件号码列设置为“文本”格式，否则 Excel 会把18位号码的后几位变成0。',
  '10. 联系电话：手机或固定电话，可含空格和短横线。',
  '11. 每个单元格都为空的行会被跳过。',
  '',
  '示例（请在“花名册”工作表中填写，不要在本页填写）：',
];

const EXAMPLES: readonly (readonly string[])[] = [
  ['1幢', '1单元', '101', '住宅', '89.50', '登记', '已交付', '张三', '110101199003071233', '13812345678'],
  ['1幢', '1单元', '102', '', '110.25㎡', '实测', '', '李四、王五', '110101198512120019、110101198707070023', '13900001111、13900002222'],
  ['3幢', '', 'S01', '商铺', '56.8', '合同', '已交付', '某某商贸有限公司', '91330100MA2H3K5L7U', '0571-88888888'],
  ['地下车库', '', 'C001', '车位', '12.50', '', '已交付', '张三', '110101199003071233', '13812345678'],
  ['2幢', '2单元', '1801', '住宅', '120', '', '未售', '某某置业有限公司', '', ''],
  ['2幢', '2单元', '1802', '住宅', '120.00', '', '已售未交付', '赵六', '', '13700003333'],
];

function writeInstructions(sheet: Sheet): void {
  sheet.columns = ROSTER_HEADERS.map((h) => ({ key: h, width: COLUMN_WIDTHS[h], style: { font: { ...FONT }, numFmt: TEXT_FORMAT } }));
  for (const [i, line] of INSTRUCTIONS.entries()) {
    const row = sheet.addRow([line]);
    if (i === 0) row.font = { ...FONT, bold: true, size: 14 };
    row.commit();
  }
  const header = sheet.addRow([...ROSTER_HEADERS]);
  header.font = { ...FONT, bold: true };
  header.commit();
  for (const example of EXAMPLES) sheet.addRow([...example]).commit();
  sheet.commit();
}
