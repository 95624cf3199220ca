/**
 * Opening the books from last year's balances: each part's position as of a
 * date (`楼栋 | 单元 | 房号 | 应缴首期 | 已缴存 | 增值收益 | 已使用 | 余额`,
 * xlsx or CSV, columns found by header in any order), reconciled against the
 * fund's bank balance that day. A difference must be
 * explained and is booked to 待查明款项, or the file corrected; then one
 * opening entry posts every sub-ledger at once. All or nothing.
 */
import { count, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, rowProblems } from '../../../shared/contract/errors';
import type { openingInput } from '../../../shared/contract/treasury/intake';
import type { RowError } from '../../../shared/domain/roster-rows';
import type { EntryLine } from '../../../shared/domain/ledger';
import { fenToYuan, parseYuan } from '../../../shared/domain/money';
import { formatAddress } from '../../../shared/domain/text';
import { nowIso, todayInOffice } from '../../db/clock';
import { buildings, entrances, parts } from '../../db/schema/register';
import { fundParts, journalEntries, ledgerOpenings } from '../../db/schema/treasury';
import { addSafeRow } from '../../files/safe-cells';
import { cellString } from '../../files/cells';
import { mergeErrors, readTableFile, type TableSpec } from '../../files/table-file';
import { write, type Actor, type ServiceContext } from '../context';
import { accountByRole, postEntry } from './ledger';

type OpeningInput = z.output<typeof openingInput>;

export const OPENING_HEADER = ['楼栋', '单元', '房号', '应缴首期', '已缴存', '增值收益', '已使用', '余额'] as const;
const AMOUNTS = OPENING_HEADER.slice(3);

const OPENING_SPEC: TableSpec = {
  what: '期初余额文件',
  template: '期初余额模板（“下载模板”）',
  rowIs: '一户的期初数',
  columns: OPENING_HEADER.map((header) => ({ header, type: AMOUNTS.includes(header) ? 'number' as const : 'text' as const })),
  otherColumns: 'refuse',
  headerNote: '没有单元的楼栋保留“单元”列并留空',
};

interface OpeningRow {
  row: number; partId: string; address: string;
  initialDue: number; deposited: number; earnings: number; used: number; balance: number;
}

async function parse(ctx: ServiceContext, communityId: string, file: { fileName: string; base64: string }): Promise<{ rows: OpeningRow[]; errors: RowError[] }> {
  const read = await readTableFile(file.fileName, Buffer.from(file.base64, 'base64'), OPENING_SPEC);
  if (read.rows.length === 0) return { rows: [], errors: read.errors };
  const errors: RowError[] = [];
  // Rows with an amount the reader refused (it reads as 0): their sum is not checked.
  const unreadable = new Set(read.errors.filter((e) => AMOUNTS.some((a) => a === e.column)).map((e) => e.row));
  const partOf = new Map(ctx.db.select({ address: parts.address, id: parts.id }).from(parts).where(eq(parts.communityId, communityId)).all().map((p) => [p.address, p.id]));
  const seen = new Map<string, number>();
  const out: OpeningRow[] = [];
  for (const { row, cells } of read.rows) {
    const building = cellString(cells['楼栋']);
    const entrance = cellString(cells['单元']);
    const room = cellString(cells['房号']);
    const address = formatAddress(building, entrance || null, room);
    const partId = partOf.get(address);
    if (!building || !room) { errors.push({ row, column: building ? '房号' : '楼栋', message: '楼栋和房号不能为空' }); continue; }
    if (!partId) { errors.push({ row, column: '房号', message: `花名册中没有“${address}”，请先登记该房屋或更正地址` }); continue; }
    const earlier = seen.get(partId);
    if (earlier !== undefined) { errors.push({ row, column: '房号', message: `“${address}”与第 ${earlier} 行重复，每户只能有一行` }); continue; }
    seen.set(partId, row);
    const before = errors.length;
    const amounts = AMOUNTS.map((column) => {
      const text = cellString(cells[column]);
      const fen = text === '' ? 0 : parseYuan(text);
      if (fen === null || fen < 0) errors.push({ row, column, message: `${column}“${text}”应为不小于零的金额，最多两位小数` });
      return fen ?? 0;
    }) as [number, number, number, number, number];
    const [initialDue, deposited, earnings, used, balance] = amounts;
    // The sum is checked only when every amount could be read (else the message would be about a guess).
    if (errors.length === before && !unreadable.has(row) && deposited + earnings - used !== balance) {
      errors.push({ row, column: '余额', message: `余额 ${fenToYuan(balance)} 不等于 已缴存 ${fenToYuan(deposited)} + 增值收益 ${fenToYuan(earnings)} − 已使用 ${fenToYuan(used)} = ${fenToYuan(deposited + earnings - used)}` });
    }
    out.push({ row, partId, address, initialDue, deposited, earnings, used, balance });
  }
  return { rows: out, errors: mergeErrors(read.errors, errors) };
}

function refuseOpenBooks(ctx: ServiceContext, communityId: string): void {
  const entries = ctx.db.select({ count: count() }).from(journalEntries).where(eq(journalEntries.communityId, communityId)).get()!.count;
  if (entries > 0) throw new AppError('REFUSED', `账簿已有 ${entries} 张凭证：期初余额只能在开账前导入一次；更正请做冲销或调整凭证`);
}

/** What the file says against the bank, without writing: totals, the difference, every row problem. */
export async function previewOpening(ctx: ServiceContext, input: OpeningInput) {
  refuseOpenBooks(ctx, input.communityId);
  // Said before the file is read: posting would refuse it anyway, after the treasurer checked every row.
  if (input.asOf > todayInOffice()) throw new AppError('REFUSED', `期初日期 ${input.asOf} 晚于今天：期初余额应截至已经过去的某一天`);
  const { rows, errors } = await parse(ctx, input.communityId, input.file);
  const sum = (k: 'initialDue' | 'deposited' | 'earnings' | 'used' | 'balance') => rows.reduce((s, r) => s + r[k], 0);
  const partCount = ctx.db.select({ count: count() }).from(parts).where(eq(parts.communityId, input.communityId)).get()!.count;
  const difference = input.bankBalance - sum('balance');
  return {
    rows: rows.length, missingParts: partCount - rows.length, errors,
    totals: { initialDue: fenToYuan(sum('initialDue')), deposited: fenToYuan(sum('deposited')), earnings: fenToYuan(sum('earnings')), used: fenToYuan(sum('used')), balance: fenToYuan(sum('balance')) },
    bankBalance: fenToYuan(input.bankBalance),
    /** Bank minus the sub-ledgers: booked to 待查明款项 (positive: money not yet assigned to a part). */
    difference: fenToYuan(difference),
    sample: rows.slice(0, 20).map((r) => ({ row: r.row, address: r.address, balance: fenToYuan(r.balance) })),
  };
}

/** Post the opening entry, the initial deposits due and the reconciliation record. */
export async function importOpening(ctx: ServiceContext, actor: Actor, input: OpeningInput) {
  const preview = await previewOpening(ctx, input);
  if (preview.errors.length > 0) throw new AppError('VALIDATION', `文件有 ${preview.errors.length} 处错误，未导入任何数据`, rowProblems(preview.errors));
  const { rows } = await parse(ctx, input.communityId, input.file);
  const difference = input.bankBalance - rows.reduce((s, r) => s + r.balance, 0);
  if (difference !== 0 && input.suspenseNote === '') {
    throw new AppError('REFUSED', `银行余额与分户余额合计相差 ${fenToYuan(difference)} 元：请更正文件，或写明原因后记入“待查明款项”`);
  }
  const bank = accountByRole(ctx, input.communityId, 'fund-bank');
  const fund = accountByRole(ctx, input.communityId, 'fund');
  const suspense = accountByRole(ctx, input.communityId, 'suspense');
  const lines: EntryLine[] = [];
  if (input.bankBalance !== 0) lines.push({ accountId: bank.id, amount: input.bankBalance });
  for (const r of rows) {
    if (r.deposited) lines.push({ accountId: fund.id, amount: -r.deposited, partId: r.partId, category: 'deposit' });
    if (r.earnings) lines.push({ accountId: fund.id, amount: -r.earnings, partId: r.partId, category: 'earning' });
    if (r.used) lines.push({ accountId: fund.id, amount: r.used, partId: r.partId, category: 'charge' });
  }
  if (difference !== 0) lines.push({ accountId: suspense.id, amount: -difference });
  return write(ctx, actor, (scope) => {
    refuseOpenBooks(ctx, input.communityId);
    const entryId = postEntry(ctx, scope, actor, {
      communityId: input.communityId, date: input.asOf, kind: 'opening', memo: `期初余额（截至 ${input.asOf}）`, reference: input.file.fileName,
      reason: input.suspenseNote, lines,
    });
    const now = nowIso();
    // Prepared once: a file holds every part of the community.
    const due = ctx.db.insert(fundParts)
      .values({ partId: sql.placeholder('partId'), communityId: input.communityId, initialDue: sql.placeholder('initialDue'), updatedAt: now })
      .onConflictDoUpdate({ target: fundParts.partId, set: { initialDue: sql`excluded.initial_due`, updatedAt: sql`excluded.updated_at` } }).prepare();
    for (const r of rows) if (r.initialDue > 0) due.run({ partId: r.partId, initialDue: r.initialDue });
    ctx.db.insert(ledgerOpenings).values({
      communityId: input.communityId, asOf: input.asOf, bankBalance: input.bankBalance, suspense: difference, suspenseNote: input.suspenseNote,
      entryId, fileName: input.file.fileName, createdAt: now,
    }).run();
    scope.audit({ action: 'open-books', entity: 'ledger', entityId: input.communityId, after: { asOf: input.asOf, rows: rows.length, bankBalance: fenToYuan(input.bankBalance), suspense: fenToYuan(difference) } });
    return { entryId, rows: rows.length, total: fenToYuan(rows.reduce((sum, r) => sum + r.balance, 0)), suspense: fenToYuan(difference) };
  });
}

/** The xlsx to fill in: the header and every part of the community, amounts empty. */
export async function openingTemplate(ctx: ServiceContext, communityId: string) {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('期初余额');
  sheet.addRow([...OPENING_HEADER]);
  const rows = ctx.db.select({ building: buildings.name, entrance: sql<string>`coalesce(${entrances.name}, '')`, room: parts.room })
    .from(parts).innerJoin(buildings, eq(buildings.id, parts.buildingId)).leftJoin(entrances, eq(entrances.id, parts.entranceId))
    .where(eq(parts.communityId, communityId)).orderBy(parts.sortKey).all();
  for (const r of rows) addSafeRow(sheet, [r.building, r.entrance, r.room]);
  sheet.columns.forEach((c, i) => { c.width = i < 3 ? 10 : 14; });
  return { fileName: '维修资金期初余额.xlsx', base64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}
