/**
 * Deposits from the bank's statement (`日期 | 金额 | 付款人 | 摘要`, xlsx or
 * CSV, columns found by header in any order; dates as Excel dates, day
 * numbers or text such as 2026/1/5): each
 * receipt is matched to a part by an address written in the memo or payer, or
 * by the payer being the owner of exactly one part. Matched rows post
 * deposits; the unmatched are listed and either left out or booked to
 * 待查明款项 for the treasurer to assign later (`settleUnidentified`). Rows
 * already posted (same date, amount, payer and memo) are skipped, so the
 * same statement can be imported twice without doubling anything.
 */
import type { z } from 'zod';
import { AppError } from '../../shared/contract/errors';
import type { bankImportInput, settleInput } from '../../shared/contract/treasury';
import type { RowError } from '../../shared/domain/roster-rows';
import { isValidDate } from '../../shared/domain/dates';
import { fenToYuan, parseYuan } from '../../shared/domain/money';
import { FILE_LIMITS } from '../../shared/domain/file-limits';
import { cellString } from '../files/cells';
import { mergeErrors, readTableFile, type TableSpec } from '../files/table-file';
import { write, type Actor, type ServiceContext } from './context';
import { todayInOffice } from '../db/clock';
import { accountByRole, closedThrough, getEntry, postEntry } from './ledger';

export const STATEMENT_HEADER = ['日期', '金额', '付款人', '摘要'] as const;

const STATEMENT_SPEC: TableSpec = {
  what: '银行流水',
  template: '银行流水的整理格式',
  rowIs: '一笔收款',
  columns: [
    { header: '日期', type: 'date' }, { header: '金额', type: 'number' }, { header: '付款人' },
    { header: '摘要', maxChars: FILE_LIMITS.textChars },
  ],
  otherColumns: 'refuse',
};

interface StatementRow {
  row: number; date: string; amount: number; payer: string; memo: string;
  partId: string | null; address: string | null; how: string;
  duplicate: boolean;
}

/** Address in the text (longest wins, ambiguity refused), else the payer owning exactly one part. */
function matcher(ctx: ServiceContext, communityId: string) {
  const parts = ctx.sqlite.prepare('select id, address, owner_names from parts where community_id = ?').raw().all(communityId) as [string, string, string][];
  const byAddress = parts.map(([id, address]) => ({ id, address })).sort((a, b) => b.address.length - a.address.length);
  const byOwner = new Map<string, { id: string; address: string }[]>();
  for (const [id, address, names] of parts) {
    for (const name of names.split('、').filter(Boolean)) byOwner.set(name, [...(byOwner.get(name) ?? []), { id, address }]);
  }
  return (payer: string, memo: string): { partId: string | null; address: string | null; how: string } => {
    const text = `${payer} ${memo}`;
    const found = byAddress.filter((p) => mentions(text, p.address));
    const longest = found.filter((p) => p.address.length === found[0]?.address.length);
    if (longest.length === 1) return { partId: longest[0]!.id, address: longest[0]!.address, how: '摘要中的地址' };
    if (longest.length > 1) return { partId: null, address: null, how: `摘要中有多个地址：${longest.map((p) => p.address).join('、')}` };
    const owned = byOwner.get(payer) ?? [];
    if (owned.length === 1) return { partId: owned[0]!.id, address: owned[0]!.address, how: '付款人为该户业主' };
    if (owned.length > 1) return { partId: null, address: null, how: `付款人名下有 ${owned.length} 户，无法确定` };
    return { partId: null, address: null, how: '未找到对应的房屋或业主' };
  };
}

/**
 * Whether the payer and memo name `address` as a whole. Spaces inside an
 * address are ignored ("1幢 101"), but a digit right before or after it makes
 * it another address: "11幢101" or "1幢1010" do not name "1幢101"; a space
 * does separate ("1幢101 2025-12").
 */
function mentions(text: string, address: string): boolean {
  const at: number[] = [];
  let bare = '';
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i]!)) continue;
    at.push(i);
    bare += text[i];
  }
  const digit = (c: string | undefined) => c !== undefined && /\d/.test(c);
  for (let k = bare.indexOf(address); k >= 0; k = bare.indexOf(address, k + 1)) {
    const before = text[at[k]! - 1];
    const after = text[at[k + address.length - 1]! + 1];
    if (!(digit(address[0]) && digit(before)) && !(digit(address.at(-1)) && digit(after))) return true;
  }
  return false;
}

async function parse(ctx: ServiceContext, communityId: string, file: { fileName: string; base64: string }): Promise<{ rows: StatementRow[]; errors: RowError[] }> {
  const read = await readTableFile(file.fileName, Buffer.from(file.base64, 'base64'), STATEMENT_SPEC);
  if (read.rows.length === 0) return { rows: [], errors: read.errors };
  const errors: RowError[] = [];
  const match = matcher(ctx, communityId);
  const posted = ctx.sqlite.prepare(`select 1 from journal_entries e where e.community_id = ? and e.date = ? and e.counterparty = ? and e.reference = ?
    and e.kind in ('deposit', 'unidentified') and not exists (select 1 from journal_entries r where r.reverses_id = e.id)
    and (select sum(amount) from journal_lines l where l.entry_id = e.id and l.amount > 0) = ?`).pluck();
  const today = todayInOffice();
  const closed = closedThrough(ctx, communityId);
  const out: StatementRow[] = [];
  for (const { row, cells } of read.rows) {
    const date = cellString(cells['日期']);
    const amountText = cellString(cells['金额']);
    const payer = cellString(cells['付款人']);
    const memo = cellString(cells['摘要']);
    if (!isValidDate(date)) errors.push({ row, column: '日期', message: `日期“${date}”不是有效日期，应为 2026-01-05、2026/1/5 或 2026年1月5日 这样的日期` });
    const amount = parseYuan(amountText);
    if (amount === null) errors.push({ row, column: '金额', message: `金额“${amountText}”不是金额，最多两位小数` });
    else if (amount <= 0) errors.push({ row, column: '金额', message: '只导入收入（金额大于零）；支出请在账簿中记“支出”' });
    if (amount === null || amount <= 0 || !isValidDate(date)) continue;
    const reference = statementReference(memo);
    const duplicate = posted.get(communityId, date, payer, reference, amount) !== undefined;
    // What posting would refuse is said here, by row, so that the preview shows it (a row posted before is only skipped).
    if (!duplicate && date > today) { errors.push({ row, column: '日期', message: `日期 ${date} 晚于今天，不能预先记账` }); continue; }
    if (!duplicate && closed !== null && date.slice(0, 7) <= closed) {
      errors.push({ row, column: '日期', message: `已结账至 ${closed}，不能再记入日期为 ${date} 的收款；请删去此行，在账簿中用本月日期补记` });
      continue;
    }
    out.push({ row, date, amount, payer, memo, ...match(payer, memo), duplicate });
  }
  return { rows: out, errors: mergeErrors(read.errors, errors) };
}

/** The memo as the entry's reference (the duplicate check compares it). */
const statementReference = (memo: string) => `银行流水:${memo}`.slice(0, 60);

const rowOut = (r: StatementRow) => ({
  row: r.row, date: r.date, amount: fenToYuan(r.amount), payer: r.payer, memo: r.memo,
  partId: r.partId, address: r.address, how: r.how, duplicate: r.duplicate,
});

export async function previewStatement(ctx: ServiceContext, input: z.output<typeof bankImportInput>) {
  const { rows, errors } = await parse(ctx, input.communityId, input.file);
  return { rows: rows.map(rowOut), errors };
}

/** Post the statement: a deposit per matched row; unmatched rows to 待查明款项 or left out, as chosen. All or nothing. */
export async function importStatement(ctx: ServiceContext, actor: Actor, input: z.output<typeof bankImportInput>) {
  const { rows, errors } = await parse(ctx, input.communityId, input.file);
  if (errors.length > 0) throw new AppError('VALIDATION', `文件有 ${errors.length} 处错误，未导入任何数据`, errors);
  const bank = accountByRole(ctx, input.communityId, 'fund-bank');
  const fund = accountByRole(ctx, input.communityId, 'fund');
  const suspense = accountByRole(ctx, input.communityId, 'suspense');
  const fresh = rows.filter((r) => !r.duplicate);
  return write(ctx, actor, (scope) => {
    let deposits = 0;
    let unidentified = 0;
    for (const r of fresh) {
      if (!r.partId && input.unmatched === 'skip') continue;
      postEntry(ctx, scope, actor, {
        communityId: input.communityId, date: r.date, kind: r.partId ? 'deposit' : 'unidentified',
        memo: r.partId ? `${r.address} 缴存维修资金（银行流水）` : `待查明：${r.payer} ${r.memo}`.trim(),
        counterparty: r.payer, reference: statementReference(r.memo),
        lines: [
          { accountId: bank.id, amount: r.amount },
          r.partId ? { accountId: fund.id, amount: -r.amount, partId: r.partId, category: 'deposit' } : { accountId: suspense.id, amount: -r.amount },
        ],
      });
      if (r.partId) deposits++;
      else unidentified++;
    }
    return {
      deposits, unidentified, duplicates: rows.length - fresh.length,
      leftOut: fresh.filter((r) => !r.partId && input.unmatched === 'skip').map(rowOut),
    };
  });
}

/** Unidentified receipts not yet assigned to a part (nor reversed). */
export function unidentifiedReceipts(ctx: ServiceContext, communityId: string) {
  return (ctx.sqlite.prepare(`select e.id, e.number, e.date, e.counterparty as payer, e.memo,
      (select sum(amount) from journal_lines l where l.entry_id = e.id and l.amount > 0) as amount
    from journal_entries e where e.community_id = ? and e.kind = 'unidentified'
      and not exists (select 1 from journal_entries s where s.settles_id = e.id)
      and not exists (select 1 from journal_entries r where r.reverses_id = e.id)
    order by e.date, e.number`).all(communityId) as { id: string; number: number; date: string; payer: string; memo: string; amount: number }[])
    .map((r) => ({ ...r, amount: fenToYuan(r.amount) }));
}

/** Assign an unidentified receipt to its part: 待查明款项 → the part's sub-ledger as a deposit, linked to the receipt. */
export function settleUnidentified(ctx: ServiceContext, actor: Actor, input: z.output<typeof settleInput>) {
  const receipt = ctx.sqlite.prepare('select community_id as communityId, kind, counterparty, number from journal_entries where id = ?').get(input.entryId) as
    { communityId: string; kind: string; counterparty: string; number: number } | undefined;
  if (!receipt || receipt.kind !== 'unidentified') throw new AppError('NOT_FOUND', '找不到这笔待查明款项');
  if (!unidentifiedReceipts(ctx, receipt.communityId).some((r) => r.id === input.entryId)) throw new AppError('REFUSED', `第 ${receipt.number} 号待查明款项已经处理过`);
  const part = ctx.sqlite.prepare('select address from parts where id = ? and community_id = ?').pluck().get(input.partId, receipt.communityId) as string | undefined;
  if (!part) throw new AppError('REFUSED', '房屋不属于本小区');
  const amount = ctx.sqlite.prepare('select sum(amount) from journal_lines where entry_id = ? and amount > 0').pluck().get(input.entryId) as number;
  const suspense = accountByRole(ctx, receipt.communityId, 'suspense');
  const fund = accountByRole(ctx, receipt.communityId, 'fund');
  const id = write(ctx, actor, (scope) => postEntry(ctx, scope, actor, {
    communityId: receipt.communityId, date: input.date, kind: 'transfer', memo: `查明第 ${receipt.number} 号款项为 ${part} 缴存维修资金`,
    counterparty: receipt.counterparty, settlesId: input.entryId, reason: input.note,
    lines: [{ accountId: suspense.id, amount }, { accountId: fund.id, amount: -amount, partId: input.partId, category: 'deposit' }],
  }));
  return getEntry(ctx, id);
}
