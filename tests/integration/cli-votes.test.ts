/** The issue-4 CLI commands as processes: vote create (item specs with scopes), ballots import, tally, vote close. */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainlandIdCheckChar } from '../../shared/domain/identity';
import { writeRosterXlsx, type RosterExportRow } from '../fixtures/roster-generator';
import { runCli } from '../helpers';

const idNo = (first17: string) => first17 + mainlandIdCheckChar(first17);
const row = (building: string, entrance: string | null, room: string, area: string, owners: string, extra: Partial<RosterExportRow> = {}): RosterExportRow => ({
  building, entrance, room, type: '住宅', area, areaSource: '登记', deliveryStatus: '已交付', owners, documents: '', phones: '', ...extra,
});

const cli = runCli;

let dir = '';
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-cli-votes-'));
  await writeRosterXlsx(path.join(dir, 'r.xlsx'), [
    row('1幢', null, '101', '90.00', '甲', { documents: idNo('33010519800101001') }),
    row('1幢', null, '102', '110.00', '甲', { documents: idNo('33010519800101001') }),
    row('2幢', '1单元', '201', '100.00', '乙'),
    row('2幢', '2单元', '202', '95.00', '丙、丁', { phones: '13800000001、13800000002' }),
    row('3幢', null, '301', '120.00', '某某置业', { deliveryStatus: '未售' }),
    row('3幢', null, '302', '120.00', '戊', { deliveryStatus: '已售未交付' }),
  ]);
  expect(cli(dir, 'import-roster', '--community', '阳光小区', path.join(dir, 'r.xlsx')).code).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('CLI: a vote end to end', () => {
  it('creates with scoped items, imports ballots, tallies and closes', async () => {
    const created = cli(dir, 'vote', 'create', '--community', '阳光小区', '--title', '年度表决', '--opens', '2026-11-01', '--closes', '2026-11-20',
      '--item', '续聘物业|4', '--item', '2幢1单元加装电梯|6|2幢/1单元+3幢', '--item', '1幢外墙维修|5|1幢');
    expect(created.code).toBe(0);
    expect(created.json.items.map((i: { title: string; category: number; electorate: unknown }) => [i.title, i.category, i.electorate])).toEqual([
      ['续聘物业', 4, { count: 4, area: '635.00' }],
      ['2幢1单元加装电梯', 6, { count: 2, area: '340.00' }],
      ['1幢外墙维修', 5, { count: 1, area: '200.00' }],
    ]);
    const voteId = created.json.id as string;

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表决票');
    ws.addRow(['楼栋', '单元', '房号', '议题1', '议题2', '议题3']);
    ws.addRow(['1幢', '', '102', '同意', '', '同意']);
    ws.addRow(['2幢', '1单元', '201', '同意', '同意', '']);
    ws.addRow(['3幢', '', '301', '反对', '反对', '']);
    const file = path.join(dir, 'ballots.xlsx');
    await wb.xlsx.writeFile(file);
    expect(cli(dir, 'ballots', 'import', '--vote', voteId, file).json).toEqual({ recorded: 3 });
    const again = cli(dir, 'ballots', 'import', '--vote', voteId, file);
    expect(again.code).toBe(1);
    expect(again.json.errors[0]).toMatchObject({ row: 2, column: '房号' });

    const t = cli(dir, 'tally', '--vote', voteId).json;
    expect(t.items[0]).toEqual({
      title: '续聘物业', category: 4, electorate: { count: 4, area: '635.00' }, participants: { count: 3, area: '540.00' },
      yes: { count: 2, area: '300.00' }, no: { count: 1, area: '240.00' }, abstain: { count: 0, area: '0.00' }, participationMet: true, passed: true,
    });
    expect(t.items[1]).toMatchObject({ participants: { count: 2, area: '340.00' }, yes: { count: 1, area: '100.00' }, participationMet: true, passed: false });
    expect(t.items[2]).toMatchObject({ participants: { count: 1, area: '200.00' }, yes: { count: 1, area: '200.00' }, passed: true });

    expect(cli(dir, 'vote', 'close', '--vote', voteId).json).toMatchObject({ id: voteId, status: 'closed' });

    // The totals the triggers keep equal the ballot rows; a tampered total is a problem `check` reports.
    expect(cli(dir, 'check').json).toMatchObject({ ok: true });
    const db = new Database(path.join(dir, 'sanfang.sqlite'));
    db.prepare("update vote_tally set count = count + 1 where choice = 'yes'").run();
    db.close();
    const check = cli(dir, 'check');
    expect(check.json.ok).toBe(false);
    expect(check.json.problems.join('')).toContain('计票汇总与表决票记录不一致');
    expect(cli(dir, 'vote', 'close', '--vote', voteId).code).toBe(1);
  });

  it('refuses bad item specs (exit 1) and unknown subcommands (exit 2)', () => {
    const base = ['vote', 'create', '--community', '阳光小区', '--title', 'x', '--opens', '2026-11-01', '--closes', '2026-11-20'];
    expect(cli(dir, ...base, '--item', '续聘物业|100').json.errors[0].message).toContain('类别为民法典第278条第1–9项');
    expect(cli(dir, ...base, '--item', '续聘物业|10').json.errors[0].message).toContain('也不是本小区设置中增列的事项');
    expect(cli(dir, ...base, '--item', '电梯|6|9幢').json.errors[0].message).toContain('找不到楼栋“9幢”');
    expect(cli(dir, ...base, '--item', '电梯|6|2幢/9单元').json.errors[0].message).toContain('2幢没有单元“9单元”');
    expect(cli(dir, 'vote', 'open').code).toBe(2);
    expect(cli(dir, ...base).code).toBe(2);
  });
});
