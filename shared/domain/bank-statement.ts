/**
 * The fund's bank statement as rules (docs/domain.md §5): what a row can be
 * classified as, what its words suggest, and which rows of a file were posted
 * before. A row once posted stays posted, even when its entry was reversed.
 */

/**
 * What a statement row is. A receipt: an owner's deposit (to a part), interest
 * (增值收益, held in 待分配增值收益 until shared), common revenue (held for the
 * revenue account), or 待查明. A payment: a repair payment (to a project), a
 * bank charge (out of the interest held), or revenue moved to the revenue
 * account. Either: already booked by hand (the row is linked to that entry),
 * or left out of this import.
 */
export const STATEMENT_CLASSES = [
  'deposit', 'interest', 'revenue', 'unidentified', 'repair', 'bank-charge', 'revenue-out', 'booked', 'skip',
] as const;
export type StatementClass = (typeof STATEMENT_CLASSES)[number];

export const RECEIPT_CLASSES: readonly StatementClass[] = ['deposit', 'interest', 'revenue', 'unidentified', 'booked', 'skip'];
export const PAYMENT_CLASSES: readonly StatementClass[] = ['repair', 'bank-charge', 'revenue-out', 'booked', 'skip'];

export const STATEMENT_CLASS_NAMES: Readonly<Record<StatementClass, string>> = {
  deposit: '业主缴存', interest: '利息（增值收益）', revenue: '公共收益', unidentified: '待查明款项',
  repair: '维修付款', 'bank-charge': '银行手续费', 'revenue-out': '转出至公共收益账户', booked: '已记账', skip: '不导入',
};

/** Whether a class fits the row's direction (receipts are positive fen, payments negative). */
export function classFits(cls: StatementClass, amount: number): boolean {
  return (amount > 0 ? RECEIPT_CLASSES : PAYMENT_CLASSES).includes(cls);
}

/** A receipt whose memo reads as the bank's interest (结息, 利息) is interest by default. */
export const readsAsInterest = (memo: string) => /结息|利息/.test(memo);

/** A payment whose memo reads as the bank's own charge (手续费, 服务费, 工本费, 年费, 短信费, 管理费, 利息税). */
export const readsAsBankCharge = (memo: string) => /手续费|服务费|工本费|年费|短信|管理费|利息税/.test(memo);

/** The longest memo versions before migration 0008 kept (in the entry's reference, `银行流水:` + 55 characters). */
export const LEGACY_MEMO_CHARS = 55;

/**
 * What identifies a row across files: its date, signed amount, payer and memo
 * (the memo's first 55 characters, so that rows posted by earlier versions are
 * recognised too).
 */
export function statementKey(r: { date: string; amount: number; payer: string; memo: string }): string {
  return [r.date, String(r.amount), r.payer, r.memo.slice(0, LEGACY_MEMO_CHARS)].join('\u0000');
}

export interface FileRow { position: number; key: string }
export interface RecordedRow<Id> { id: Id; key: string; /** Its position, when it came from this very file (same SHA-256). */ samePosition: number | null }

/**
 * Which rows of a file were posted before, and as which recorded row:
 * - the same file again (same SHA-256): the row at the same position;
 * - another file (an overlapping statement, one posted by an earlier
 *   version): rows with the same date, amount, payer and memo are the same
 *   transactions, matched one for one in order — two identical receipts on a
 *   day were posted twice, so a third identical one in a later file is new.
 * `recorded` comes in the order the rows were posted.
 */
export function postedBefore<Id>(rows: readonly FileRow[], recorded: readonly RecordedRow<Id>[]): Map<number, Id> {
  const found = new Map<number, Id>();
  const samePosition = new Map(recorded.filter((r) => r.samePosition !== null).map((r) => [r.samePosition!, r]));
  const others = new Map<string, Id[]>();
  for (const r of recorded) if (r.samePosition === null) others.set(r.key, [...(others.get(r.key) ?? []), r.id]);
  for (const row of rows) {
    const same = samePosition.get(row.position);
    if (same && same.key === row.key) {
      found.set(row.position, same.id);
      continue;
    }
    const queue = others.get(row.key);
    if (queue && queue.length > 0) found.set(row.position, queue.shift()!);
  }
  return found;
}

/**
 * The bank's balance at the end of a file: the 余额 of its last row in date
 * order. Statements are listed oldest first by most banks and newest first by
 * some: a file whose first row is dated after its last is read the other way.
 */
export function closingBalance(rows: readonly { date: string; balance: number | null }[]): { date: string; balance: number } | null {
  const dated = rows.filter((r) => r.balance !== null);
  if (dated.length === 0) return null;
  const newestFirst = dated[0]!.date > dated.at(-1)!.date;
  const ordered = newestFirst ? [...dated].reverse() : dated;
  let last = ordered[0]!;
  for (const r of ordered) if (r.date >= last.date) last = r;
  return { date: last.date, balance: last.balance! };
}
