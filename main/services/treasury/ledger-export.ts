/**
 * Every ledger to one xlsx, for the treasurer's own spreadsheets and the
 * auditors: the journal line by line in the treasurer's words, the same lines
 * as debit and credit for an accountant (its own sheet), the household
 * sub-ledgers, the account balances, and the repair projects. Amounts are numbers in yuan with two
 * decimals (Excel sums them), converted from fen only here.
 */
import { z } from 'zod';
import { ACCOUNT_KINDS, ENTRY_KIND_NAMES, FUND_CATEGORIES } from '../../../shared/domain/ledger';
import { fenToYuan } from '../../../shared/domain/money';
import { treasurerVoucher } from '../../../shared/domain/voucher';
import { addSafeRow } from '../../files/safe-cells';
import { getCommunity } from '../register/communities';
import type { ServiceContext } from '../context';
import { householdPage } from './fund';
import { booksOf } from './ledger';
import { listProjects } from './repairs';

const yuan = (fen: number) => Number(fenToYuan(fen));

/**
 * A journal line as the export reads it: the voucher's fields and the line (a PostedLine), debit positive. Every
 * line of the books, streamed raw in number order (a million in `npm run bench`), each checked as it comes.
 */
const exportLine = z.object({
  id: z.string(), number: z.number().int(), date: z.string(), kind: z.string(), memo: z.string(), counterparty: z.string(), reference: z.string(),
  code: z.string(), name: z.string(), accountKind: z.enum(ACCOUNT_KINDS), address: z.string().nullable(),
  account: z.string(), category: z.enum(FUND_CATEGORIES).nullable(), amount: z.number().int(), reverses: z.number().int().nullable(), createdBy: z.string(),
});
type ExportLine = z.output<typeof exportLine>;

export async function exportLedgers(ctx: ServiceContext, communityId: string) {
  const community = getCommunity(ctx, communityId);
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  const money = { numFmt: '#,##0.00' };

  // The treasurer's sheet speaks as the screens do (收入/支出/转入/转出, one amount per line, shared/domain/voucher.ts);
  // the accountant's sheet keeps debit and credit, line by line, beside it.
  const journal = workbook.addWorksheet('凭证明细');
  journal.addRow(['凭证号', '日期', '类型', '摘要', '付款方/收款方', '票据号', '科目编码', '科目', '房屋', '收支', '金额', '冲销凭证号', '录入人']);
  const accountant = workbook.addWorksheet('会计分录（借贷）');
  accountant.addRow(['凭证号', '日期', '类型', '摘要', '科目编码', '科目', '房屋', '借方', '贷方']);
  const lines = ctx.sqlite.prepare(`select e.id, e.number, e.date, e.kind, e.memo, e.counterparty, e.reference, a.code, a.name, a.kind as accountKind, p.address,
      l.account_id as account, l.category, l.amount, o.number as reverses, e.created_by as createdBy
    from journal_lines l join journal_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id
      left join parts p on p.id = l.part_id left join journal_entries o on o.id = e.reverses_id
    where e.community_id = ? order by e.number, l.id`).iterate(communityId);
  let entry: ExportLine[] = [];
  const flush = () => {
    if (entry.length === 0) return;
    const words = treasurerVoucher(entry[0]!.kind, entry).lines;
    entry.forEach((l, i) => {
      const kind = ENTRY_KIND_NAMES[l.kind] ?? l.kind;
      addSafeRow(journal, [l.number, l.date, kind, l.memo, l.counterparty, l.reference, l.code, l.name, l.address ?? '', words[i]!.direction, yuan(words[i]!.amount), l.reverses ?? '', l.createdBy]);
      addSafeRow(accountant, [l.number, l.date, kind, l.memo, l.code, l.name, l.address ?? '', l.amount > 0 ? yuan(l.amount) : null, l.amount < 0 ? yuan(-l.amount) : null]);
    });
    entry = [];
  };
  for (const row of lines) {
    const l = exportLine.parse(row);
    if (entry.length > 0 && entry[0]!.id !== l.id) flush();
    entry.push(l);
  }
  flush();
  journal.getColumn(11).numFmt = money.numFmt;
  accountant.getColumn(8).numFmt = money.numFmt;
  accountant.getColumn(9).numFmt = money.numFmt;

  const households = workbook.addWorksheet('分户账');
  households.addRow(['房屋', '面积（㎡）', '业主', '应缴首期', '已缴存', '增值收益', '已使用', '转入转出', '余额', '需续筹', '续筹金额']);
  for (const h of householdPage(ctx, { communityId, text: '', belowTopUpOnly: false, offset: 0, limit: 50_000 }).rows) {
    addSafeRow(households, [h.address, Number(h.area), h.owners, Number(h.initialDue), Number(h.deposited), Number(h.earnings), Number(h.charges),
      Number(h.transfers), Number(h.balance), h.belowTopUp ? '是' : '', h.belowTopUp ? Number(h.topUp) : null]);
  }
  for (let c = 4; c <= 11; c++) if (c !== 10) households.getColumn(c).numFmt = money.numFmt;

  const accounts = workbook.addWorksheet('科目余额');
  accounts.addRow(['科目编码', '科目', '余额']);
  for (const a of booksOf(ctx, communityId).accounts) addSafeRow(accounts, [a.code, a.name, Number(a.balance)]);
  accounts.getColumn(3).numFmt = money.numFmt;

  const projects = workbook.addWorksheet('维修项目');
  projects.addRow(['项目', '范围', '分摊方式', '预算', '已付', '决算', '批准方式', '状态']);
  for (const p of listProjects(ctx, communityId)) {
    addSafeRow(projects, [p.title, p.scopeLabel, p.basis === 'area' ? '按面积' : '按户', Number(p.estimate), Number(p.paid), p.finalCost === null ? null : Number(p.finalCost),
      p.approval === 'vote' ? `业主表决：${p.voteTitle ?? ''}` : '应急维修', p.status === 'charged' ? '已分摊' : '已批准']);
  }
  for (const sheet of [journal, accountant, households, accounts, projects]) {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((c) => { c.width = 14; });
  }
  return { fileName: `${community.name}账簿.xlsx`, base64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}
