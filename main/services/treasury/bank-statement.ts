/**
 * The fund's bank statement (`日期 | 金额 | 付款人 | 摘要`, optional `支出`
 * and `余额`; xlsx or CSV, columns found by header in any order; dates as
 * Excel dates, day numbers or text such as 2026/1/5). Receipts are positive
 * amounts; a payment is a negative 金额, or its amount in the 支出 column when
 * the bank's format has one. Each row is classified (shared/domain/
 * bank-statement.ts): main suggests — a row already booked by hand (same
 * amount within days), interest by its memo (结息, 利息), a deposit by an
 * address in the memo or a payer owning exactly one part, a bank charge by its
 * memo, a repair payment by its contractor or title — and the treasurer may
 * choose otherwise row by row. What nobody could classify goes to 待查明款项
 * (receipts) or is left out and listed.
 *
 * A row once posted is remembered (statement_rows: date, amount, payer, memo,
 * its row in the file and the file's SHA-256, with each posting): importing
 * the same or an overlapping statement never posts it again, even when its
 * entry was reversed since, and the preview and the result say so row by row.
 * A posted row can be classified again later: a reversal of its entry and a
 * new entry, never an edit.
 */
import { createHash } from 'node:crypto';
import { and, asc, between, count, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, rowProblems, fieldProblem } from '../../../shared/contract/errors';
import type { bankImportInput, reclassifyInput, rowClass, statementRowsQuery } from '../../../shared/contract/treasury/intake';
import {
  classFits, closingBalance, postedBefore, readsAsBankCharge, readsAsInterest, statementKey, STATEMENT_CLASSES, STATEMENT_CLASS_NAMES, type StatementClass,
} from '../../../shared/domain/bank-statement';
import { addDays, isValidDate } from '../../../shared/domain/dates';
import { daysBetween, monthOf, type EntryLine } from '../../../shared/domain/ledger';
import type { RowError } from '../../../shared/domain/roster-rows';
import { fenToYuan, parseYuan } from '../../../shared/domain/money';
import { FILE_LIMITS } from '../../../shared/domain/file-limits';
import { nowIso, officeDayOf, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { checkedRows, oneOf } from '../../db/rows';
import { parts } from '../../db/schema/register';
import { journalEntries, journalLines, repairProjects, statementFiles, statementPostings, statementRows } from '../../db/schema/treasury';
import { cellString } from '../../files/cells';
import { mergeErrors, readTableFile, type TableSpec } from '../../files/table-file';
import { write, type Actor, type ServiceContext, type WriteScope } from '../context';
import { accountByRole, closedThrough, postEntry, reverseEntry, type NewEntry } from './ledger';

export const STATEMENT_HEADER = ['日期', '金额', '付款人', '摘要'] as const;

const STATEMENT_SPEC: TableSpec = {
  what: '银行流水',
  template: '银行流水的整理格式',
  rowIs: '一笔收支',
  columns: [
    { header: '日期', type: 'date' }, { header: '金额', type: 'number' }, { header: '付款人' },
    { header: '摘要', maxChars: FILE_LIMITS.textChars },
    // The bank's own layout may put payments in a column of their own, and its running balance beside them.
    { header: '支出', type: 'number', optional: true }, { header: '余额', type: 'number', optional: true },
  ],
  otherColumns: 'refuse',
};

/** A booked-by-hand entry matches a statement row of the same amount this many days apart at most (the bank's value date may lag). */
const BOOKED_WINDOW_DAYS = 5;

type ImportInput = z.output<typeof bankImportInput>;

interface ParsedRow { row: number; date: string; amount: number; payer: string; memo: string; balance: number | null }

interface Target { partId: string | null; address: string | null; projectId: string | null; project: string | null; entryId: string | null; entryNumber: number | null }

interface ClassifiedRow extends ParsedRow, Target {
  class: StatementClass | null;
  how: string;
  /** The recorded row it was posted as, before. */
  postedAs: string | null;
  postedBefore: string | null;
}

const NO_TARGET: Target = { partId: null, address: null, projectId: null, project: null, entryId: null, entryNumber: null };

// ── reading ───────────────────────────────────────────────────────────

async function readStatement(file: { fileName: string; base64: string }): Promise<{ rows: ParsedRow[]; errors: RowError[]; sha256: string }> {
  const data = Buffer.from(file.base64, 'base64');
  const sha256 = createHash('sha256').update(data).digest('hex');
  const read = await readTableFile(file.fileName, data, STATEMENT_SPEC);
  const errors: RowError[] = [];
  const rows: ParsedRow[] = [];
  for (const { row, cells } of read.rows) {
    const date = cellString(cells['日期']);
    const amountText = cellString(cells['金额']);
    const outText = cellString(cells['支出']);
    const balanceText = cellString(cells['余额']);
    const before = errors.length;
    if (!isValidDate(date)) errors.push({ row, column: '日期', message: `日期“${date}”不是有效日期，应为 2026-01-05、2026/1/5 或 2026年1月5日 这样的日期` });
    let amount: number | null = null;
    if (outText !== '') {
      const out = parseYuan(outText);
      if (amountText !== '') errors.push({ row, column: '金额', message: '同一行不能既填“金额”又填“支出”：收入填在“金额”，支出填在“支出”' });
      else if (out === null || out <= 0) errors.push({ row, column: '支出', message: `支出“${outText}”应为大于零的金额，最多两位小数` });
      else amount = -out;
    } else {
      amount = parseYuan(amountText);
      if (amount === null) errors.push({ row, column: '金额', message: `金额“${amountText}”不是金额，最多两位小数；支出写成负数（如 -120.00），或填在“支出”列` });
      else if (amount === 0) errors.push({ row, column: '金额', message: '金额为零：请删去这一行' });
    }
    const balance = balanceText === '' ? null : parseYuan(balanceText);
    if (balanceText !== '' && balance === null) errors.push({ row, column: '余额', message: `余额“${balanceText}”不是金额，最多两位小数` });
    if (errors.length > before || amount === null) continue;
    rows.push({ row, date, amount, payer: cellString(cells['付款人']), memo: cellString(cells['摘要']), balance });
  }
  return { rows, errors: mergeErrors(read.errors, errors), sha256 };
}

// ── what was posted before ────────────────────────────────────────────

/**
 * A statement row remembered, as markPosted reads it. That read stays raw, its rows checked: it grows with the
 * community's history, and the builder's mapping of a left join's rows measured 1.5–2.4× the raw read over
 * 2,000 remembered rows (zod's check: no measurable cost).
 */
const rememberedRow = z.object({
  id: z.string(), date: z.string(), amount: z.number().int(), payer: z.string(), memo: z.string(), position: z.number().int().nullable(),
  sha256: z.string().nullable(), fileName: z.string(), importedAt: z.string(), number: z.number().int().nullable(),
});

/** Each row posted by an earlier import (of this file or any other), with where it came from, in words. */
function markPosted(ctx: ServiceContext, communityId: string, sha256: string, rows: readonly ParsedRow[]) {
  if (rows.length === 0) return new Map<number, { id: string; words: string }>();
  const dates = rows.map((r) => r.date).sort();
  const recorded = checkedRows(rememberedRow, ctx.sqlite.prepare(`select s.id, s.date, s.amount, s.payer, s.memo, s.position, f.sha256,
      coalesce(f.file_name, '') as fileName, s.created_at as importedAt,
      (select min(e.number) from statement_postings p join journal_entries e on e.id = p.entry_id where p.statement_row_id = s.id) as number
    from statement_rows s left join statement_files f on f.id = s.file_id
    where s.community_id = ? and s.date between ? and ? order by s.created_at, s.position`).all(communityId, dates[0], dates.at(-1)));
  const found = postedBefore(
    rows.map((r) => ({ position: r.row, key: statementKey(r) })),
    recorded.map((r) => ({ id: r.id, key: statementKey(r), samePosition: r.sha256 === sha256 ? r.position : null })),
  );
  const byId = new Map(recorded.map((r) => [r.id, r]));
  return new Map([...found].map(([row, id]) => {
    const r = byId.get(id)!;
    const words = r.position === null
      ? `已于 ${officeDayOf(r.importedAt)} 入账（早期版本导入，第 ${r.number} 号凭证），不再重复记账`
      : `已于 ${officeDayOf(r.importedAt)} 从“${r.fileName}”第 ${r.position} 行入账（第 ${r.number} 号凭证），不再重复记账`;
    return [row, { id, words }];
  }));
}

// ── suggesting a class ────────────────────────────────────────────────

interface Booked { id: string; number: number; date: string; counterparty: string; amount: number }

/** Entries in the fund's bank account booked by hand (no statement row yet, not reversed) around the file's dates. */
function bookedByHand(ctx: ServiceContext, communityId: string, from: string, to: string): Booked[] {
  const bank = accountByRole(ctx, communityId, 'fund-bank');
  return ctx.db.select({
    id: journalEntries.id, number: journalEntries.number, date: journalEntries.date, counterparty: journalEntries.counterparty,
    amount: sql<number>`sum(${journalLines.amount})`,
  }).from(journalLines).innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(and(
      eq(journalLines.accountId, bank.id), between(journalLines.date, addDays(from, -BOOKED_WINDOW_DAYS), addDays(to, BOOKED_WINDOW_DAYS)),
      ne(journalEntries.kind, 'opening'), isNull(journalEntries.reversesId),
      sql`not exists (select 1 from journal_entries r where r.reverses_id = ${journalEntries.id})`,
      sql`not exists (select 1 from statement_postings p where p.entry_id = ${journalEntries.id})`,
    ))
    .groupBy(journalEntries.id).having(sql`sum(${journalLines.amount}) != 0`).orderBy(asc(journalEntries.date), asc(journalEntries.number)).all();
}

/** Address in the text (longest wins, ambiguity refused), else the payer owning exactly one part. */
function partMatcher(ctx: ServiceContext, communityId: string) {
  const owned = ctx.db.select({ id: parts.id, address: parts.address, ownerNames: parts.ownerNames }).from(parts).where(eq(parts.communityId, communityId)).all();
  const byAddress = owned.map(({ id, address }) => ({ id, address })).sort((a, b) => b.address.length - a.address.length);
  const byOwner = new Map<string, { id: string; address: string }[]>();
  for (const { id, address, ownerNames: names } of owned) {
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

interface Project { id: string; title: string; contractor: string }

const PROJECT_COLUMNS = { id: repairProjects.id, title: repairProjects.title, contractor: repairProjects.contractor };

/** The address of a part of the community; none for no part, or a part of another community. */
const addressOf = (ctx: ServiceContext, partId: string | null, communityId: string) => partId === null ? undefined
  : ctx.db.select({ address: parts.address }).from(parts).where(and(eq(parts.id, partId), eq(parts.communityId, communityId))).get()?.address;

/** A repair project of the community; none for no project, or a project of another community. */
const projectOf = (ctx: ServiceContext, projectId: string | null, communityId: string): Project | undefined => projectId === null ? undefined
  : ctx.db.select(PROJECT_COLUMNS).from(repairProjects).where(and(eq(repairProjects.id, projectId), eq(repairProjects.communityId, communityId))).get();

/** A payment to a project's contractor, or naming its title: the one project, if exactly one. */
function projectMatcher(ctx: ServiceContext, communityId: string) {
  const projects: Project[] = ctx.db.select(PROJECT_COLUMNS).from(repairProjects).where(eq(repairProjects.communityId, communityId))
    .orderBy(asc(repairProjects.createdAt)).all();
  return (payer: string, memo: string): { project: Project | null; how: string } => {
    const found = projects.filter((p) => (p.contractor !== '' && payer === p.contractor) || memo.includes(p.title));
    if (found.length === 1) return { project: found[0]!, how: found[0]!.contractor === payer ? '收款人为该项目的施工单位' : '摘要中有项目名称' };
    if (found.length > 1) return { project: null, how: `收款人或摘要对应多个维修项目：${found.map((p) => p.title).join('、')}` };
    return { project: null, how: '未能判断这笔支出的用途：请选择维修付款（及项目）、银行手续费或转出至公共收益账户' };
  };
}

/** The rows of the file with main's suggestion, the treasurer's choices applied, and what was posted before. */
async function classify(ctx: ServiceContext, input: ImportInput) {
  const { rows, errors, sha256 } = await readStatement(input.file);
  const posted = markPosted(ctx, input.communityId, sha256, rows);
  const today = todayInOffice();
  const closed = closedThrough(ctx, input.communityId);
  const part = partMatcher(ctx, input.communityId);
  const project = projectMatcher(ctx, input.communityId);
  const dates = rows.map((r) => r.date).sort();
  const booked = rows.length > 0 ? bookedByHand(ctx, input.communityId, dates[0]!, dates.at(-1)!) : [];
  const used = new Set<string>();
  const chosen = new Map(input.classes.map((c) => [c.row, c]));
  const lookups = {
    partOf: (id: string | null) => addressOf(ctx, id, input.communityId),
    projectOf: (id: string | null) => projectOf(ctx, id, input.communityId),
  };
  const out: ClassifiedRow[] = [];
  for (const r of rows) {
    const before = posted.get(r.row);
    if (before) {
      out.push({ ...r, ...NO_TARGET, class: null, how: '已入账', postedAs: before.id, postedBefore: before.words });
      continue;
    }
    // What posting would refuse is said here, by row, so that the preview shows it (a row posted before is only skipped).
    if (r.date > today) { errors.push({ row: r.row, column: '日期', message: `日期 ${r.date} 晚于今天，不能预先记账` }); continue; }
    if (closed !== null && monthOf(r.date) <= closed) {
      errors.push({ row: r.row, column: '日期', message: `已结账至 ${closed}，不能再记入日期为 ${r.date} 的流水；请删去此行，在账簿中用本月日期补记` });
      continue;
    }
    let row: ClassifiedRow = { ...r, ...suggest(r), postedAs: null, postedBefore: null };
    const choice = chosen.get(r.row);
    if (choice) {
      const applied = applyChoice(row, choice, { communityId: input.communityId, booked, used, ...lookups });
      if (typeof applied === 'string') { errors.push({ row: r.row, column: '分类', message: applied }); continue; }
      row = applied;
    } else if ((row.class === 'unidentified' || row.class === null) && input.unmatched === 'skip') row = { ...row, class: 'skip', how: `${row.how}；按选择不导入` };
    if (row.entryId) used.add(row.entryId);
    out.push(row);
  }
  return { rows: out, errors, sha256, closing: closingBalance(rows) };

  function suggest(r: ParsedRow): Pick<ClassifiedRow, 'class' | 'how'> & Target {
    const near = booked.filter((b) => b.amount === r.amount && !used.has(b.id) && Math.abs(daysBetween(b.date, r.date)) <= BOOKED_WINDOW_DAYS)
      .sort((a, b) => Math.abs(daysBetween(a.date, r.date)) - Math.abs(daysBetween(b.date, r.date))
        || Number(b.counterparty === r.payer) - Number(a.counterparty === r.payer) || a.number - b.number)[0];
    if (near) return { ...NO_TARGET, class: 'booked', entryId: near.id, entryNumber: near.number, how: `与已手工记账的第 ${near.number} 号凭证（${near.date}）金额相同` };
    if (r.amount > 0) {
      if (readsAsInterest(r.memo)) return { ...NO_TARGET, class: 'interest', how: '摘要为银行结息' };
      const m = part(r.payer, r.memo);
      return { ...NO_TARGET, partId: m.partId, address: m.address, class: m.partId ? 'deposit' : 'unidentified', how: m.how };
    }
    if (readsAsBankCharge(r.memo)) return { ...NO_TARGET, class: 'bank-charge', how: '摘要为银行收费' };
    const p = project(r.payer, r.memo);
    return p.project ? { ...NO_TARGET, class: 'repair', projectId: p.project.id, project: p.project.title, how: p.how } : { ...NO_TARGET, class: null, how: p.how };
  }
}

interface Lookups {
  communityId: string;
  booked: readonly Booked[];
  /** Entries already matched to a row of this file. */
  used: ReadonlySet<string>;
  partOf(id: string | null): string | undefined;
  projectOf(id: string | null): Project | undefined;
}

/** The treasurer's class for a row, with its target; a sentence when it cannot be. */
function applyChoice(row: ClassifiedRow, c: z.output<typeof rowClass>, look: Lookups): ClassifiedRow | string {
  const name = STATEMENT_CLASS_NAMES[c.class];
  if (!classFits(c.class, row.amount)) return `这一行是${row.amount > 0 ? '收入' : '支出'}，不能分类为“${name}”`;
  const chosen = (t: Partial<Target>): ClassifiedRow => ({ ...row, ...NO_TARGET, ...t, class: c.class, how: '按选择' });
  if (c.class === 'deposit') {
    const partId = c.partId ?? row.partId;
    const address = look.partOf(partId);
    return address ? chosen({ partId, address }) : '分类为“业主缴存”时须选择本小区的房屋';
  }
  if (c.class === 'repair') {
    const p = look.projectOf(c.projectId ?? row.projectId);
    return p ? chosen({ projectId: p.id, project: p.title }) : '分类为“维修付款”时须选择本小区的维修项目';
  }
  if (c.class === 'booked') {
    const e = look.booked.find((b) => b.id === c.entryId && b.amount === row.amount && !look.used.has(b.id));
    return e ? chosen({ entryId: e.id, entryNumber: e.number }) : `没有金额为 ${fenToYuan(row.amount)} 元、日期相近且尚未对应流水的凭证，不能标为“已记账”`;
  }
  return chosen({});
}

const rowOut = (r: ClassifiedRow) => ({
  row: r.row, date: r.date, amount: fenToYuan(r.amount), payer: r.payer, memo: r.memo, balance: r.balance === null ? null : fenToYuan(r.balance),
  class: r.class, partId: r.partId, address: r.address, projectId: r.projectId, project: r.project, entryId: r.entryId, entryNumber: r.entryNumber,
  how: r.how, duplicate: r.postedAs !== null, postedBefore: r.postedBefore,
});

export async function previewStatement(ctx: ServiceContext, input: ImportInput) {
  const { rows, errors, closing } = await classify(ctx, input);
  return { rows: rows.map(rowOut), errors, closing: closing && { date: closing.date, balance: fenToYuan(closing.balance) } };
}

// ── posting ───────────────────────────────────────────────────────────

/** The entry that books a statement row as its class (not 'booked' nor 'skip'): the bank account against what the money is. */
function statementEntry(ctx: ServiceContext, communityId: string, r: Pick<ParsedRow, 'amount' | 'payer' | 'memo'> & Target, cls: StatementClass, date: string): NewEntry {
  const account = (role: Parameters<typeof accountByRole>[2]) => accountByRole(ctx, communityId, role).id;
  const money = Math.abs(r.amount);
  const into = (other: string, extra: Partial<EntryLine> = {}): EntryLine[] => r.amount > 0
    ? [{ accountId: account('fund-bank'), amount: money }, { accountId: other, amount: -money, ...extra }]
    : [{ accountId: other, amount: money, ...extra }, { accountId: account('fund-bank'), amount: -money }];
  const base = { communityId, date, counterparty: r.payer, reference: `银行流水:${r.memo}`.slice(0, 60) };
  const said = `${r.payer} ${r.memo}`.trim();
  switch (cls) {
    case 'deposit':
      return { ...base, kind: 'deposit', memo: `${r.address} 缴存维修资金（银行流水）`, lines: into(account('fund'), { partId: r.partId, category: 'deposit' }) };
    case 'interest':
      return { ...base, kind: 'interest', memo: `银行结息（待分配增值收益）：${r.memo}`.trim(), lines: into(account('interest')) };
    case 'revenue':
      return { ...base, kind: 'revenue-in', memo: `公共收益存入维修资金专户，待转公共收益账户：${said}`, lines: into(account('revenue-due')) };
    case 'unidentified':
      return { ...base, kind: 'unidentified', memo: `待查明：${said}`, lines: into(account('suspense')) };
    case 'repair':
      return { ...base, kind: 'expense', memo: `支付${r.project}工程款（银行流水）`, projectId: r.projectId, lines: into(account('payable')) };
    case 'bank-charge':
      return { ...base, kind: 'bank-charge', memo: `银行手续费（从待分配增值收益中扣除）：${r.memo}`.trim(), lines: into(account('interest')) };
    case 'revenue-out':
      return { ...base, kind: 'revenue-out', memo: `代收的公共收益转出至公共收益账户：${said}`, lines: into(account('revenue-due')) };
    default:
      throw new Error(`a ${cls} row books no entry of its own`);
  }
}

function recordPosting(ctx: ServiceContext, statementRowId: string, entryId: string, cls: StatementClass): void {
  ctx.db.insert(statementPostings).values({ entryId, statementRowId, class: cls, createdAt: nowIso() }).run();
}

/** Post the statement: every row not posted before, as classified; all or nothing. */
export async function importStatement(ctx: ServiceContext, actor: Actor, input: ImportInput) {
  const { rows, errors, sha256, closing } = await classify(ctx, input);
  for (const r of rows) {
    if (r.postedAs === null && r.class === null) {
      errors.push({ row: r.row, column: '分类', message: `第 ${r.row} 行是一笔支出（${fenToYuan(-r.amount)} 元，${r.payer || '收款人空白'}），${r.how}；或选择“不导入”` });
    }
  }
  if (errors.length > 0) throw new AppError('VALIDATION', `文件有 ${errors.length} 处错误，未导入任何数据`, rowProblems(errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0))));
  return write(ctx, actor, (scope) => {
    const outcomes = new Map<number, number | null>();
    let fileId: string | null = null;
    const fileRow = () => fileId ??= recordFile(ctx, actor, input, sha256, rows, closing);
    const counts = { deposits: 0, interest: 0, revenue: 0, unidentified: 0, payments: 0, booked: 0 };
    for (const r of rows) {
      if (r.postedAs !== null || r.class === 'skip' || r.class === null) continue;
      const statementRowId = newId();
      ctx.db.insert(statementRows).values({
        id: statementRowId, communityId: input.communityId, fileId: fileRow(), position: r.row, date: r.date, amount: r.amount, payer: r.payer, memo: r.memo,
        balance: r.balance, createdAt: nowIso(), createdBy: actor.author,
      }).run();
      const entryId = r.class === 'booked' ? r.entryId! : postEntry(ctx, scope, actor, statementEntry(ctx, input.communityId, r, r.class, r.date));
      recordPosting(ctx, statementRowId, entryId, r.class);
      outcomes.set(r.row, ctx.db.select({ number: journalEntries.number }).from(journalEntries).where(eq(journalEntries.id, entryId)).get()!.number);
      if (r.class === 'deposit') counts.deposits++;
      else if (r.class === 'interest') counts.interest++;
      else if (r.class === 'revenue') counts.revenue++;
      else if (r.class === 'unidentified') counts.unidentified++;
      else if (r.class === 'booked') counts.booked++;
      else counts.payments++;
    }
    // The bank's closing balance is worth keeping even when every row was posted before (an overlapping statement).
    if (closing) fileRow();
    const posted = outcomes.size;
    const skipped = rows.filter((r) => r.postedAs !== null).length;
    scope.audit({ action: 'import-statement', entity: 'ledger', entityId: input.communityId, after: { file: input.file.fileName, sha256, posted, skipped, ...counts } });
    return {
      posted, skipped, ...counts, leftOut: rows.length - posted - skipped,
      rows: rows.map((r) => ({
        ...rowOut(r),
        outcome: r.postedAs !== null ? 'duplicate' as const : outcomes.has(r.row) ? 'posted' as const : 'left-out' as const,
        postedAs: outcomes.get(r.row) ?? null,
      })),
    };
  });
}

/** The file's row: made once per file and community (a file imported again adds its new rows to it). */
function recordFile(ctx: ServiceContext, actor: Actor, input: ImportInput, sha256: string, rows: readonly ParsedRow[],
  closing: { date: string; balance: number } | null): string {
  const known = ctx.db.select({ id: statementFiles.id }).from(statementFiles)
    .where(and(eq(statementFiles.communityId, input.communityId), eq(statementFiles.sha256, sha256))).get();
  if (known) return known.id;
  const id = newId();
  const dates = rows.map((r) => r.date).sort();
  ctx.db.insert(statementFiles).values({
    id, communityId: input.communityId, sha256, fileName: input.file.fileName, firstDate: dates[0]!, lastDate: closing?.date ?? dates.at(-1)!,
    closingBalance: closing?.balance ?? null, createdAt: nowIso(), createdBy: actor.author,
  }).run();
  return id;
}

// ── rows in the books, and classifying them again ─────────────────────

/** Posted statement rows with the name of the file each came from ('' for rows posted before files were kept). */
const postedSelection = (ctx: ServiceContext) => ctx.db.select({
  id: statementRows.id, communityId: statementRows.communityId, date: statementRows.date, amount: statementRows.amount, payer: statementRows.payer,
  memo: statementRows.memo, balance: statementRows.balance, fileName: sql<string>`coalesce(${statementFiles.fileName}, '')`, position: statementRows.position,
}).from(statementRows).leftJoin(statementFiles, eq(statementFiles.id, statementRows.fileId));

type PostedRow = ReturnType<ReturnType<typeof postedSelection>['all']>[number];

/** The row's posting in force: the latest whose entry is not reversed (none when its entry was reversed by hand). */
function postingInForce(ctx: ServiceContext, statementRowId: string) {
  const row = ctx.db.select({
    class: statementPostings.class, entryId: journalEntries.id, number: journalEntries.number, address: journalEntries.address, projectId: journalEntries.projectId,
  }).from(statementPostings).innerJoin(journalEntries, eq(journalEntries.id, statementPostings.entryId))
    .where(and(eq(statementPostings.statementRowId, statementRowId), sql`not exists (select 1 from journal_entries r where r.reverses_id = ${journalEntries.id})`))
    .orderBy(desc(journalEntries.number)).limit(1).get();
  return row && { ...row, class: oneOf(STATEMENT_CLASSES, row.class, 'statement_postings.class') };
}

function postedOut(ctx: ServiceContext, r: PostedRow) {
  const p = postingInForce(ctx, r.id);
  const project = p?.projectId ? ctx.db.select({ title: repairProjects.title }).from(repairProjects).where(eq(repairProjects.id, p.projectId)).get()!.title : null;
  return {
    id: r.id, date: r.date, amount: fenToYuan(r.amount), payer: r.payer, memo: r.memo, balance: r.balance === null ? null : fenToYuan(r.balance),
    fileName: r.fileName, position: r.position, class: p?.class ?? null, entryId: p?.entryId ?? null, entryNumber: p?.number ?? null,
    target: !p ? '凭证已冲销，未重新入账' : p.class === 'deposit' ? p.address ?? '' : project ?? STATEMENT_CLASS_NAMES[p.class],
  };
}

export function statementRowsPage(ctx: ServiceContext, q: z.output<typeof statementRowsQuery>) {
  const where = and(
    eq(statementRows.communityId, q.communityId),
    q.text ? sql`(instr(${statementRows.payer}, ${q.text}) > 0 or instr(${statementRows.memo}, ${q.text}) > 0)` : undefined,
  );
  const total = ctx.db.select({ n: count() }).from(statementRows).leftJoin(statementFiles, eq(statementFiles.id, statementRows.fileId)).where(where).get()?.n ?? 0;
  const rows = postedSelection(ctx).where(where).orderBy(desc(statementRows.date), desc(statementRows.createdAt), desc(statementRows.position))
    .limit(q.limit).offset(q.offset).all();
  return { total, rows: rows.map((r) => postedOut(ctx, r)) };
}

/**
 * Classify a posted row again: its entry in force is reversed and the new
 * entry posted, both on the row's own day when its month is open (else today,
 * or the day given), in one write. A row whose entry was reversed by hand is
 * simply booked anew.
 */
export function reclassifyStatementRow(ctx: ServiceContext, actor: Actor, input: z.output<typeof reclassifyInput>) {
  const r = postedSelection(ctx).where(eq(statementRows.id, input.id)).get();
  if (!r) throw new AppError('NOT_FOUND', '找不到这笔银行流水');
  const name = STATEMENT_CLASS_NAMES[input.class];
  if (!classFits(input.class, r.amount)) throw new AppError('REFUSED', `这笔流水是${r.amount > 0 ? '收入' : '支出'}，不能分类为“${name}”`);
  const target: Target = { ...NO_TARGET };
  if (input.class === 'deposit') {
    target.address = addressOf(ctx, input.partId, r.communityId) ?? null;
    if (!target.address) throw new AppError('VALIDATION', '分类为“业主缴存”时须选择房屋', [fieldProblem('partId', '请选择本小区的房屋', '房屋')]);
    target.partId = input.partId;
  }
  if (input.class === 'repair') {
    target.project = projectOf(ctx, input.projectId, r.communityId)?.title ?? null;
    if (!target.project) throw new AppError('VALIDATION', '分类为“维修付款”时须选择维修项目', [fieldProblem('projectId', '请选择本小区的维修项目', '维修项目')]);
    target.projectId = input.projectId;
  }
  const closed = closedThrough(ctx, r.communityId);
  const date = input.date ?? (closed === null || monthOf(r.date) > closed ? r.date : todayInOffice());
  const current = postingInForce(ctx, r.id);
  write(ctx, actor, (scope: WriteScope) => {
    if (current) reverseEntry(ctx, actor, { id: current.entryId, date, reason: `银行流水重新分类为“${name}”：${input.reason}` });
    const entryId = postEntry(ctx, scope, actor, statementEntry(ctx, r.communityId, { ...r, ...target }, input.class, date));
    recordPosting(ctx, r.id, entryId, input.class);
    scope.audit({ action: 'reclassify', entity: 'statement_row', entityId: r.id, before: { class: current?.class ?? null, entry: current?.number ?? null }, after: { class: input.class, entryId, reason: input.reason } });
  });
  return postedOut(ctx, r);
}
