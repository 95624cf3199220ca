/** A worksheet as the xlsx readers hand it to the table reader: rows of cell values, and the mark of a merged cell. */

/** A sheet's non-empty rows: Excel row number and the values by 0-based column (ExcelJS's value shapes). */
export type Matrix = { row: number; values: unknown[] }[];

interface MergedDown { merged: 'down'; value: unknown; masterRow: number }
interface MergedAcross { merged: 'across'; masterAddress: string }

/** The streaming reader garbled a character (xlsx-sheet.ts): the sheet is not used. */
export class GarbledText extends Error {}

/** A merge too large to spell out cell by cell (xlsx-fast.ts). */
export class MergeTooLarge extends Error {
  constructor(readonly limit: number) {
    super('merge too large');
  }
}

/** A cell covered by a merge: down a column (it has its first cell's value) or across columns (it has none). */
export class MergedCell {
  constructor(readonly info: MergedDown | MergedAcross) {}
}
