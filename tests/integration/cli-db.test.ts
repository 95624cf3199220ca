/**
 * `--db FILE` for every command, as processes: every command works on the file
 * named (its folder holds backups and attachments), and nothing is read or
 * written in the default data folder. Also every option not exercised by the
 * other CLI tests, each with its effect asserted in the database file.
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../main/app';
import { readRosterFile } from '../../main/files/roster-file';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { writeRosterXlsx } from '../fixtures/roster-generator';
import { idNumber, rosterRow } from '../fixtures/worked-roster';
import { DEFAULT_HOME, runCli } from '../helpers';

let work = '';
let dbFile = '';
const cli = (...args: string[]) => runCli({ db: dbFile }, ...args);

/** Read one value from the database file the commands work on. */
function sql<T>(query: string, ...params: unknown[]): T {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(query).get(...params) as T;
  } finally {
    db.close();
  }
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-cli-db-'));
  // Not the default file name, in a folder of its own: --db names the file, the folder follows.
  dbFile = path.join(work, 'office', '阳光小区台账.db');
  await writeRosterXlsx(path.join(work, 'r.xlsx'), [
    rosterRow('1幢', '101', '90.00', '甲', { documents: idNumber('33010519800101001') }),
    rosterRow('1幢', '102', '110.00', '乙'),
    { ...rosterRow('2幢', '201', '100.00', '丙'), entrance: '1单元' },
    { ...rosterRow('2幢', '202', '95.00', '丁'), entrance: '2单元' },
  ]);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('CLI --db FILE', () => {
  it('runs every command on the named file, and never touches the default folder', async () => {
    expect(cli('template', '--out', path.join(work, 't.xlsx')).code).toBe(0);
    expect(fs.existsSync(path.join(work, 't.xlsx'))).toBe(true);
    expect(cli('import-roster', '--community', '阳光小区', path.join(work, 'r.xlsx')).json).toEqual({ parts: 4, owners: 4, votingSubjects: 4, totalArea: '395.00' });
    expect(fs.existsSync(dbFile)).toBe(true);

    // --entrance narrows roster-summary, export-roster and fund apportion to one entrance.
    expect(cli('roster-summary', '--community', '阳光小区', '--building', '2幢', '--entrance', '1单元').json).toEqual({ parts: 1, votingSubjects: 1, totalArea: '100.00' });
    const exported = path.join(work, 'e.xlsx');
    expect(cli('export-roster', '--community', '阳光小区', '--building', '2幢', '--entrance', '2单元', '--out', exported).json).toMatchObject({ parts: 1 });
    expect((await readRosterFile('e.xlsx', fs.readFileSync(exported))).rows.map((r) => [r.cells['楼栋'], r.cells['单元'], r.cells['房号']])).toEqual([['2幢', '2单元', '202']]);
    const byBuilding = path.join(work, 'b.xlsx');
    expect(cli('export-roster', '--community', '阳光小区', '--building', '1幢', '--out', byBuilding).json).toMatchObject({ parts: 2 });
    expect((await readRosterFile('b.xlsx', fs.readFileSync(byBuilding))).rows.map((r) => r.cells['房号'])).toEqual(['101', '102']);
    expect(cli('fund', 'apportion', '--community', '阳光小区', '--building', '2幢', '--entrance', '1单元', '--amount', '100.00').json)
      .toEqual({ total: '100.00', shares: [{ address: '2幢1单元201', area: '100.00', amount: '100.00' }] });
    expect(cli('fund', 'balance', '--community', '阳光小区').json).toEqual({ fund: '0.00', households: '0.00', belowTopUp: 0 });
    fs.writeFileSync(path.join(work, 'opening.csv'), '\uFEFF楼栋,单元,房号,应缴首期,已缴存,增值收益,已使用,余额\n1幢,,101,4500.00,4500.00,0,0,4500.00\n');
    expect(cli('fund', 'import-opening', '--community', '阳光小区', '--as-of', '2025-12-31', '--bank-balance', '4500.00', path.join(work, 'opening.csv')).json)
      .toEqual({ parts: 1, total: '4500.00', difference: '0.00' });
    expect(cli('fund', 'balance', '--community', '阳光小区').json).toMatchObject({ fund: '4500.00', households: '4500.00' });
    // The bank's interest in, shared to the one part holding money, reconciled: each writes (or reads) the file named.
    fs.writeFileSync(path.join(work, 'statement.csv'), '日期,金额,付款人,摘要\n2026-01-21,0.45,银行,结息\n');
    expect(cli('fund', 'import-statement', '--community', '阳光小区', path.join(work, 'statement.csv')).json).toEqual({ posted: 1, skipped: 0, interest: 1, unidentified: 0 });
    expect(sql('select count(*) as n, sum(amount) as fen from statement_rows')).toEqual({ n: 1, fen: 45 });
    expect(cli('fund', 'share-interest', '--community', '阳光小区', '--from', '2026-01-01', '--to', '2026-01-31').json).toEqual({ amount: '0.45', parts: 1 });
    expect(sql("select count(*) as n from interest_shares s join journal_entries e on e.id = s.share_entry_id where e.date = '2026-01-31'")).toEqual({ n: 1 });
    expect(cli('fund', 'reconcile', '--community', '阳光小区', '--bank-balance', '4500.45').json)
      .toEqual({ bank: '4500.45', fund: '4500.45', unidentified: '0.00', other: '0.00', difference: '0.00' });

    const backup = path.join(work, 'before-meeting.sqlite');
    expect(cli('backup', '--out', backup).json).toMatchObject({ file: backup });

    // meeting create --time --place
    const meeting = cli('meeting', 'create', '--community', '阳光小区', '--kind', '联席会议', '--title', '12月联席会议', '--date', '2026-12-01',
      '--time', '19:30', '--place', '社区活动室');
    expect(meeting.code).toBe(0);
    expect(sql('select start_time as time, place from meetings where id = ?', meeting.json.id)).toEqual({ time: '19:30', place: '社区活动室' });

    // matter create --category --description
    const matter = cli('matter', 'create', '--community', '阳光小区', '--title', '2幢电梯更换', '--category', '使用建筑物及其附属设施的维修资金',
      '--description', '2幢两部电梯运行二十年，申请使用维修资金更换', '--raised-on', '2026-11-02');
    expect(matter.code).toBe(0);
    expect(sql('select category, description from matters where id = ?', matter.json.id))
      .toEqual({ category: '使用建筑物及其附属设施的维修资金', description: '2幢两部电梯运行二十年，申请使用维修资金更换' });
    expect(cli('matter', 'show', '--id', matter.json.id).json).toMatchObject({ id: matter.json.id, title: '2幢电梯更换' });
    expect(cli('search', '--community', '阳光小区', '电梯').json.hits.map((h: { id: string }) => h.id)).toContain(matter.json.id);

    // A workflow of the office's own (an optional step) as the default, through the app on the same file.
    const app = await openApp({ dbPath: dbFile, migrationsDir: MIGRATIONS_DIR, fixedAuthor: 'test' });
    const saved = await app.handle({
      method: 'workflow.save', input: {
        name: '小事简办', steps: [
          { key: 'suggest', name: '居民建议', kind: 'plain', expectedDays: 7 },
          { key: 'consult', name: '楼栋会商议', kind: 'meeting', optional: true, expectedDays: 7 },
          { key: 'post', name: '公示', kind: 'publication', expectedDays: 7 },
          { key: 'file', name: '报社区备案', kind: 'filing', expectedDays: 7 },
        ],
      },
    });
    expect(saved.ok).toBe(true);
    expect((await app.handle({ method: 'workflow.setDefault', input: { key: (saved as { result: { key: string } }).result.key } })).ok).toBe(true);
    app.close();

    // matter advance --note --skip-reason --posting-start --posting-end --filing-body
    const small = cli('matter', 'create', '--community', '阳光小区', '--title', '增设晾衣架', '--raised-on', '2026-11-02').json.id as string;
    const step = (key: string) => sql<Record<string, unknown>>('select skipped, skip_reason as skipReason, posting_start as postingStart, posting_end as postingEnd, filing_body as filingBody, note from matter_steps where matter_id = ? and step_key = ?', small, key);
    // --raised-on records the first step (居民建议) on that date.
    expect(sql('select date from matter_steps where matter_id = ? and step_key = ?', small, 'suggest')).toEqual({ date: '2026-11-02' });
    expect(cli('matter', 'advance', '--id', small, '--step', 'consult', '--date', '2026-11-04', '--skip-reason', '涉及户数少，由居民建议直接公示').code).toBe(0);
    expect(step('consult')).toMatchObject({ skipped: 1, skipReason: '涉及户数少，由居民建议直接公示' });
    expect(cli('matter', 'advance', '--id', small, '--step', 'post', '--date', '2026-11-05', '--posting-start', '2026-11-06', '--posting-end', '2026-11-16', '--note', '张贴于3幢公告栏').code).toBe(0);
    expect(step('post')).toMatchObject({ postingStart: '2026-11-06', postingEnd: '2026-11-16', note: '张贴于3幢公告栏' });
    const filed = cli('matter', 'advance', '--id', small, '--step', 'file', '--date', '2026-11-20', '--filing-body', '阳光社区居委会');
    expect(filed.json.steps.every((s: { done: boolean }) => s.done)).toBe(true);
    expect(step('file')).toMatchObject({ filingBody: '阳光社区居委会' });

    // vote create without --meeting makes a written solicitation; with --meeting the vote belongs to the meeting given.
    const first = cli('vote', 'create', '--community', '阳光小区', '--title', '电梯表决', '--opens', '2026-11-10', '--closes', '2026-11-30', '--item', '更换2幢电梯|5|2幢');
    expect(first.code).toBe(0);
    const assembly = sql<{ meetingId: string }>('select meeting_id as meetingId from votes where id = ?', first.json.id).meetingId;
    expect(sql('select kind, form from meetings where id = ?', assembly)).toEqual({ kind: '业主大会', form: '书面征求意见' });
    const second = cli('vote', 'create', '--community', '阳光小区', '--title', '电梯表决（补充）', '--opens', '2026-11-10', '--closes', '2026-11-30',
      '--item', '更换2幢电梯|5|2幢', '--meeting', assembly);
    expect(second.code).toBe(0);
    expect(sql('select meeting_id as meetingId from votes where id = ?', second.json.id)).toEqual({ meetingId: assembly });
    const notAssembly = cli('vote', 'create', '--community', '阳光小区', '--title', 'x', '--opens', '2026-11-10', '--closes', '2026-11-30',
      '--item', 'x|9', '--meeting', meeting.json.id);
    expect(notAssembly.code).toBe(1);
    expect(notAssembly.json.errors[0].message).toContain('须属于业主大会');

    const ballots = new ExcelJS.Workbook();
    const sheet = ballots.addWorksheet('表决票');
    sheet.addRow(['楼栋', '单元', '房号', '议题1']);
    sheet.addRow(['2幢', '1单元', '201', '同意']);
    sheet.addRow(['2幢', '2单元', '202', '同意']);
    await ballots.xlsx.writeFile(path.join(work, 'ballots.xlsx'));
    expect(cli('ballots', 'import', '--vote', first.json.id, path.join(work, 'ballots.xlsx')).json).toEqual({ recorded: 2 });
    expect(cli('tally', '--vote', first.json.id).json.items[0]).toMatchObject({ participants: { count: 2, area: '195.00' }, passed: true });
    expect(cli('vote', 'close', '--vote', first.json.id).json).toMatchObject({ status: 'closed' });

    // contract create --kind
    const contract = cli('contract', 'create', '--community', '阳光小区', '--company', '安居物业服务有限公司', '--credit-code', '91350100M000100Y43',
      '--start', '2026-01-01', '--end', '2027-12-31', '--kind', '前期物业');
    expect(contract.code).toBe(0);
    expect(sql('select kind from service_contracts where id = ?', contract.json.id)).toEqual({ kind: '前期物业' });
    expect(cli('contract', 'dismissal', '--id', contract.json.id, '--notice-date', '2026-12-31').json).toEqual({ earliestEnd: '2027-03-01' });

    // issue create --source --reporter
    const issue = cli('issue', 'create', '--community', '阳光小区', '--title', '2幢电梯异响', '--category', '电梯', '--reported-at', '2026-11-20T09:00',
      '--source', '网格员走访', '--reporter', '2幢王阿姨');
    expect(issue.code).toBe(0);
    expect(sql('select source, reporter from issues where id = ?', issue.json.id)).toEqual({ source: '网格员走访', reporter: '2幢王阿姨' });
    expect(cli('issue', 'escalate', '--id', issue.json.id, '--reason', '物业未答复', '--unit', '小区党支部', '--person', '李书记').json)
      .toMatchObject({ level: '小区' });

    // restore brings back the backup on this file; the current one is kept aside beside it, not in the default folder.
    const restored = cli('restore', backup);
    expect(restored.code).toBe(0);
    expect(path.dirname(restored.json.keptAside)).toBe(path.join(work, 'office', 'backups'));
    expect(sql('select count(*) as n from meetings')).toEqual({ n: 0 });
    expect(cli('check').json).toMatchObject({ ok: true, dbPath: dbFile });

    // unlock: a backup opened on another PC (another file, no key beside it) asks for the administrator's recovery code.
    const admin = await openApp({ dbPath: dbFile, migrationsDir: MIGRATIONS_DIR });
    const setup = await admin.handle({ method: 'auth.setup', input: { username: 'admin', displayName: '王主任', password: 'correct horse' } });
    admin.close();
    const recoveryCode = (setup as { result: { recoveryCode: string } }).result.recoveryCode;
    const carried = path.join(work, 'carried.sqlite');
    expect(cli('backup', '--out', carried).code).toBe(0);
    const elsewhere = path.join(work, 'other-pc', '台账.db');
    expect(runCli({ db: elsewhere }, 'restore', carried).json.errors[0].message).toContain('unlock --recovery-code');
    expect(runCli({ db: elsewhere }, 'unlock', '--recovery-code', recoveryCode)).toMatchObject({ code: 0, json: { unlocked: true } });
    expect(runCli({ db: elsewhere }, 'roster-summary', '--community', '阳光小区').json).toMatchObject({ parts: 4 });

    expect(filesUnder(DEFAULT_HOME)).toEqual([]);
    // About forty CLI processes, each opening the file: on a busy 2-core machine this outlasts the default minute.
  }, 240_000);

  it('without --db or --data-dir, works in the default data folder (here a test home)', () => {
    const r = runCli({ global: [] }, 'check');
    expect(r.json).toMatchObject({ ok: true, dbPath: path.join(DEFAULT_HOME, '.config', 'SanfangOffice', 'sanfang.sqlite') });
    expect(filesUnder(DEFAULT_HOME)).toContain(path.join(DEFAULT_HOME, '.config', 'SanfangOffice', 'sanfang.sqlite'));
  });

  it('refuses --db and --data-dir together, and either after the command (exit 2)', () => {
    expect(runCli({ global: ['--db', dbFile, '--data-dir', work] }, 'check').code).toBe(2);
    const late = runCli({ global: [] }, 'check', '--db', dbFile);
    expect(late.code).toBe(2);
    expect(late.json.errors[0].message).toContain('应写在命令之前');
  });
});
