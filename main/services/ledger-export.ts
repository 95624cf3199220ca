/**
 * Every ledger to one xlsx, for the treasurer's own spreadsheets and the
 * auditors: the journal line by line, the household sub-ledgers, the account
 * balances, and the repair projects. Amounts are numbers in yuan with two
 * decimals (Excel sums them), converted from fen only here.
 */
import { ENTRY_KIND_NAMES } from '../../shared/domain/ledger';
import { fenToYuan } from '../../shared/domain/money';
import { addSafeRow } from '../files/safe-cells';
import { getCommunity } from './communities';
import type { ServiceContext } from './context';
import { householdPage } from './fund';
import { booksOf } from './ledger';
import { listProjects } from './repairs';

const yuan = (fen: number) => Number(fenToYuan(fen));


export async function exportLedgers(ctx: ServiceContext, communityId: string) {
  const community = getCommunity(ctx, communityId);
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  const money = { numFmt: '#,##0.00' };

  const journal = workbook.addWorksheet('凭证明细');
  journal.addRow(['凭证号', '日期', '类型', '摘要', '付款方/收款方', '票据号', '科目编码', '科目', '房屋', '借方', '贷方', '冲销凭证号', '录入人']);
  const lines = ctx.sqlite.prepare(`select e.number, e.date, e.kind, e.memo, e.counterparty, e.reference, a.code, a.name, p.address, l.amount,
      o.number as reverses, e.created_by from journal_lines l join journal_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id
      left join parts p on p.id = l.part_id left join journal_entries o on o.id = e.reverses_id
    where e.community_id = ? order by e.number, l.id`).raw().iterate(communityId) as IterableIterator<unknown[]>;
  for (const [number, date, kind, memo, counterparty, reference, code, name, address, amount, reverses, by] of lines) {
    const a = amount as number;
    addSafeRow(journal, [number, date, ENTRY_KIND_NAMES[kind as string] ?? kind, memo, counterparty, reference, code, name, address ?? '', a > 0 ? yuan(a) : null, a < 0 ? yuan(-a) : null, reverses ?? '', by]);
  }
  journal.getColumn(10).numFmt = money.numFmt;
  journal.getColumn(11).numFmt = money.numFmt;

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
  for (const sheet of [journal, households, accounts, projects]) {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((c) => { c.width = 14; });
  }
  return { fileName: `${community.name}账簿.xlsx`, base64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}
