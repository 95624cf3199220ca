/** The fund's CLI commands as processes: apportion (nothing written), balance, opening the books, the bank statement, sharing interest, the reconciliation. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../main/app';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { writeRosterXlsx } from '../fixtures/roster-generator';
import { WORKED_ROSTER } from '../fixtures/worked-roster';
import { runCli } from '../helpers';

const cli = runCli;

let dir = '';
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-cli-fund-'));
  await writeRosterXlsx(path.join(dir, 'r.xlsx'), WORKED_ROSTER);
  expect(cli(dir, 'import-roster', '--community', '阳光小区', path.join(dir, 'r.xlsx')).code).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('CLI: fund', () => {
  it('apportions by area over a building, adding up to the fen, and writes nothing', () => {
    const r = cli(dir, 'fund', 'apportion', '--community', '阳光小区', '--building', '1幢', '--amount', '1000.01');
    expect(r).toEqual({ code: 0, json: { total: '1000.01', shares: [
      { address: '1幢101', area: '90.00', amount: '450.00' },
      { address: '1幢102', area: '110.00', amount: '550.01' },
    ] } });
    expect(cli(dir, 'fund', 'balance', '--community', '阳光小区')).toEqual({ code: 0, json: { fund: '0.00', households: '0.00', belowTopUp: 0 } });
  });

  it('opens the books from a file of balances read by its headers; a difference to the bank needs --note', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('期初');
    // Columns in another order than the template's: they are found by their headers.
    sheet.addRow(['房号', '楼栋', '单元', '余额', '应缴首期', '已缴存', '增值收益', '已使用']);
    sheet.addRow(['101', '1幢', '', '5500.00', '5400.00', '5400.00', '100.00', '0']);
    sheet.addRow(['102', '1幢', '', '6000.00', '6600.00', '6600.00', '0', '600.00']);
    const file = path.join(dir, 'opening.xlsx');
    await wb.xlsx.writeFile(file);
    const unexplained = cli(dir, 'fund', 'import-opening', '--community', '阳光小区', '--as-of', '2025-12-31', '--bank-balance', '11520.50', file);
    expect(unexplained.code).toBe(1);
    expect(unexplained.json.errors[0].message).toContain('相差 20.50 元');
    expect(cli(dir, 'fund', 'balance', '--community', '阳光小区').json).toMatchObject({ fund: '0.00' });
    const opened = cli(dir, 'fund', 'import-opening', '--community', '阳光小区', '--as-of', '2025-12-31', '--bank-balance', '11520.50',
      '--note', '2025年12月银行结息未分户', file);
    expect(opened.json).toEqual({ parts: 2, total: '11500.00', difference: '20.50' });
    expect(cli(dir, 'fund', 'balance', '--community', '阳光小区').json).toMatchObject({ fund: '11500.00', households: '11500.00' });
    const db = new Database(path.join(dir, 'sanfang.sqlite'), { readonly: true });
    expect(db.prepare('select suspense_note as note from ledger_openings').get()).toEqual({ note: '2025年12月银行结息未分户' });
    db.close();
  });

  it('refuses a bad amount (exit 1) and an unknown subcommand (exit 2)', () => {
    const bad = cli(dir, 'fund', 'apportion', '--community', '阳光小区', '--amount', '12.345');
    expect(bad.code).toBe(1);
    expect(bad.json.errors[0].message).toContain('最多两位小数');
    const unknown = spawnSync(process.execPath, ['scripts/cli.mjs', '--data-dir', dir, 'fund', 'spend'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(cli(dir, 'fund', 'apportion', '--community', '阳光小区', '--entrance', '1单元', '--amount', '1').code).toBe(2);
  });

  it('check reports a sub-ledger whose cached balance differs from its lines', async () => {
    const app = await openApp({ dataDir: dir, migrationsDir: MIGRATIONS_DIR, fixedAuthor: 'test' });
    const community = (await app.handle({ method: 'community.list', input: {} }) as { result: { id: string }[] }).result[0]!;
    const households = await app.handle({ method: 'fund.households', input: { communityId: community.id } }) as { result: { rows: { partId: string }[] } };
    const deposit = await app.handle({ method: 'fund.deposit', input: { partId: households.result.rows[0]!.partId, amount: '100', date: '2026-01-05' } });
    app.close();
    expect(deposit.ok).toBe(true);
    expect(cli(dir, 'fund', 'balance', '--community', '阳光小区').json).toMatchObject({ fund: '11600.00', households: '11600.00' });
    expect(cli(dir, 'check').json).toMatchObject({ ok: true });
    const db = new Database(path.join(dir, 'sanfang.sqlite'));
    db.prepare('update part_fund_balances set balance = balance + 1 where rowid = (select min(rowid) from part_fund_balances)').run();
    db.close();
    const check = cli(dir, 'check');
    expect(check.json.ok).toBe(false);
    expect(check.json.problems.join('')).toContain('账簿：1 户分户账余额缓存与分录不一致');
  });

  it('imports a statement (interest by its memo, the rest to 待查明), skips it the second time, shares the interest once and reconciles to the fen', () => {
    // After the tests above: 1幢101 5,600.00 (with 2026-01-05's 100.00), 1幢102 6,000.00, 20.50 in 待查明; the bank 11,620.50.
    const file = path.join(dir, 'statement.csv');
    fs.writeFileSync(file, '\uFEFF日期,金额,付款人,摘要\n2026-02-05,200.00,张三,1幢102维修资金\n2026-03-21,1.50,银行,结息\n2026-03-22,8.00,陌生人,不明款项\n');
    expect(cli(dir, 'fund', 'import-statement', '--community', '阳光小区', file)).toEqual({ code: 0, json: { posted: 3, skipped: 0, interest: 1, unidentified: 1 } });
    expect(cli(dir, 'fund', 'import-statement', '--community', '阳光小区', file)).toEqual({ code: 0, json: { posted: 0, skipped: 3, interest: 0, unidentified: 0 } });
    // Before the interest is shared it is another liability of the account; the identity holds to the fen.
    expect(cli(dir, 'fund', 'reconcile', '--community', '阳光小区', '--bank-balance', '11830.00').json)
      .toEqual({ bank: '11830.00', fund: '11800.00', unidentified: '28.50', other: '1.50', difference: '0.00' });
    expect(cli(dir, 'fund', 'share-interest', '--community', '阳光小区', '--from', '2026-01-01', '--to', '2026-03-31')).toEqual({ code: 0, json: { amount: '1.50', parts: 2 } });
    const twice = cli(dir, 'fund', 'share-interest', '--community', '阳光小区', '--from', '2026-01-01', '--to', '2026-03-31');
    expect(twice.code).toBe(1);
    expect(twice.json.errors[0].message).toContain('没有尚未分配的利息收入');
    expect(cli(dir, 'fund', 'reconcile', '--community', '阳光小区', '--bank-balance', '11830.00').json)
      .toEqual({ bank: '11830.00', fund: '11801.50', unidentified: '28.50', other: '0.00', difference: '0.00' });
    expect(cli(dir, 'fund', 'reconcile', '--community', '阳光小区', '--bank-balance', '11830.01').json).toMatchObject({ difference: '0.01' });
    // (households is a fen off here: the test above tampered with a cache on purpose)
    expect(cli(dir, 'fund', 'balance', '--community', '阳光小区').json).toMatchObject({ fund: '11801.50' });

    // A payment nobody can tell refuses the file by row, nothing written.
    const refund = path.join(dir, 'refund.csv');
    fs.writeFileSync(refund, '日期,金额,付款人,摘要\n2026-03-25,-5.00,某人,退款\n');
    const refused = cli(dir, 'fund', 'import-statement', '--community', '阳光小区', refund);
    expect(refused.code).toBe(1);
    expect(refused.json.errors).toEqual([{ row: 2, column: '分类', message: expect.stringContaining('是一笔支出（5.00 元，某人）') }]);
    expect(cli(dir, 'fund', 'reconcile', '--community', '阳光小区', '--bank-balance', '11830.00').json).toMatchObject({ difference: '0.00' });
  });
});
