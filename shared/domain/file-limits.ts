/**
 * The limits of an uploaded table file (roster, ballots, opening balances,
 * bank statements, holidays), in one place for main and the screens. They are
 * checked before any work starts, so a hostile or mistaken file is refused in
 * a moment with a Chinese message instead of exhausting memory.
 */
const MB = 1024 * 1024;

export const FILE_LIMITS = {
  /**
   * Bytes of the file itself. A 200,000-row roster is about 19 MB as CSV and
   * 17 MB as xlsx (the test generator's rows, ~93 and ~84 bytes a row); 40 MB
   * leaves twice that, and its base64 (53 MB) still fits the browser-mode
   * server's 64 MB request limit.
   */
  fileBytes: 40 * MB,
  /** Data rows (below the header) per file: a community of 200,000 parts is far beyond the largest in China. */
  rows: 200_000,
  /** Characters in a cell holding a name: owners, buildings, rooms, payers, choices. */
  nameChars: 1_000,
  /** Characters in a free-text cell (备注, 摘要). */
  textChars: 10_000,
  /**
   * Bytes an xlsx may unpack to, read from its zip directory before anything is
   * unpacked (and enforced while unpacking, since a zip can lie). A 200,000-row
   * roster as ExcelJS writes it unpacks to about 100 MB.
   */
  unzippedBytes: 160 * MB,
} as const;

/** The refusal of a file over FILE_LIMITS.fileBytes, the same words in main and on the screens. */
export function fileTooBigMessage(bytes: number): string {
  return `文件有 ${(bytes / MB).toFixed(1)} MB，超过 ${FILE_LIMITS.fileBytes / MB} MB 的上限：请确认选对了文件；`
    + '数据确实很多时，请按楼栋分成几个文件分别导入';
}
