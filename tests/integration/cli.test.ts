import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRosterFile } from '../../main/files/roster-file';
import { idNumber, rosterRow, WORKED_ROSTER } from '../fixtures/worked-roster';
import { writeRosterXlsx } from '../fixtures/roster-generator';
import { runCli, tempDir } from '../helpers';

const id = idNumber;
/** docs/domain.md §4's worked roster: N_total 4, A_total 635.00 m². */
const WORKED = WORKED_ROSTER;
const row = rosterRow;

const cli = runCli;

describe('CLI', () => {
  it('imports the worked roster and prints the whole community', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'roster.xlsx');
    await writeRosterXlsx(file, WORKED);
    const r = cli(dir, 'import-roster', '--community', '阳光小区', file);
    expect(r).toMatchObject({ code: 0, json: { parts: 6, owners: 5, votingSubjects: 4, totalArea: '635.00' } });

    expect(cli(dir, 'roster-summary', '--community', '阳光小区').json).toEqual({ parts: 6, votingSubjects: 4, totalArea: '635.00' });
    expect(cli(dir, 'roster-summary', '--community', '阳光小区', '--building', '1幢').json).toEqual({ parts: 2, votingSubjects: 1, totalArea: '200.00' });
    expect(cli(dir, 'roster-summary', '--community', '阳光小区', '--building', '3幢').json).toEqual({ parts: 2, votingSubjects: 1, totalArea: '240.00' });

    // Writes from the CLI are audited as CLI:<user>.
    const db = new Database(path.join(dir, 'sanfang.sqlite'), { readonly: true });
    const audit = db.prepare("select author from audit_log where action = 'import-roster'").get() as { author: string };
    db.close();
    expect(audit.author).toBe(`CLI:${os.userInfo().username}`);

    // A second import under the same name is refused, with nothing written.
    const again = cli(dir, 'import-roster', '--community', '阳光小区', file);
    expect(again.code).toBe(1);
    expect(again.json.errors[0].message).toContain('已存在');
  });

  it('refuses a bad roster with every problem by row and column, and writes nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'bad.xlsx');
    await writeRosterXlsx(file, [
      row('1幢', '101', '90.00', '甲'),
      row('1幢', '101', '80.00', '乙'),
      row('1幢', '103', '12.345', '丙'),
      row('1幢', '104', '90.00', ''),
      row('1幢', '105', '90.00', '丁', { documents: '110105194912310021' }),
      row('1幢', '105', '-1', '戊'), // wrong twice: a duplicate address and a negative area, both reported
    ]);
    const r = cli(dir, 'import-roster', '--community', '坏小区', file);
    expect(r.code).toBe(1);
    expect(r.json.errors).toEqual([
      { row: 3, column: '房号', message: '地址“1幢101”与第2行重复' },
      { row: 4, column: '专有部分面积', message: expect.stringContaining('超过两位小数') },
      { row: 5, column: '业主', message: '已交付的部分必须填写业主姓名' },
      { row: 6, column: '证件号码', message: expect.stringContaining('校验位错误') },
      { row: 7, column: '专有部分面积', message: expect.stringContaining('必须大于0') },
      { row: 7, column: '房号', message: '地址“1幢105”与第6行重复' },
    ]);
    const summary = cli(dir, 'roster-summary', '--community', '坏小区');
    expect(summary).toMatchObject({ code: 1, json: { errors: [{ row: null, message: '找不到小区“坏小区”' }] } });
  });

  it('imports CSV saved by Excel on Chinese Windows (GBK)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'roster.csv');
    // "楼栋,单元,房号,类型,专有部分面积,面积来源,交付状态,业主,证件号码,联系电话\r\n1幢,,101,,89.5,,,张三,,\r\n" in GBK
    const gbk = Buffer.from(
      'c2a5b6b02cb5a5d4aa2cb7bfbac52cc0e0d0cd2cd7a8d3d0b2bfb7d6c3e6bbfd2cc3e6bbfdc0b4d4b42cbdbbb8b6d7b4ccac2cd2b5d6f72cd6a4bcfebac5c2eb2cc1aacfb5b5e7bbb00d0a31b4b12c2c3130312c2c38392e352c2c2cd5c5c8fd2c2c0d0a',
      'hex',
    );
    fs.writeFileSync(file, gbk);
    expect(cli(dir, 'import-roster', '--community', '老小区', file).json).toEqual({ parts: 1, owners: 1, votingSubjects: 1, totalArea: '89.50' });
  });

  it('writes the template, exports the roster masked, and the untouched template imports nothing', async () => {
    const dir = tempDir();
    const template = path.join(dir, 'template.xlsx');
    expect(cli(dir, 'template', '--out', template).code).toBe(0);
    const empty = cli(dir, 'import-roster', '--community', '空小区', template);
    expect(empty.code).toBe(1);
    expect(empty.json.errors[0].message).toContain('没有数据');

    const source = path.join(dir, 'roster.xlsx');
    await writeRosterXlsx(source, [row('1幢', '101', '90.00', '张三', { documents: id('33010519800101001'), phones: '13812345678' })]);
    cli(dir, 'import-roster', '--community', '阳光小区', source);
    const out = path.join(dir, 'export.xlsx');
    expect(cli(dir, 'export-roster', '--community', '阳光小区', '--out', out).json).toMatchObject({ parts: 1 });
    const read = await readRosterFile('export.xlsx', fs.readFileSync(out));
    expect(read.errors).toEqual([]);
    expect(read.rows[0]!.cells).toMatchObject({ 楼栋: '1幢', 房号: '101', 业主: '张三', 证件号码: `330105**********${id('33010519800101001').slice(16)}`, 联系电话: '138****5678' });
  });

  it('backs up, restores (keeping the current database aside) and checks', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'roster.xlsx');
    await writeRosterXlsx(source, WORKED);
    cli(dir, 'import-roster', '--community', '阳光小区', source);
    const backup = path.join(dir, 'b.sqlite');
    expect(cli(dir, 'backup', '--out', backup).code).toBe(0);
    expect(cli(dir, 'backup', '--out', backup).code).toBe(1); // never overwrites
    cli(dir, 'import-roster', '--community', '第二小区', source);
    const restored = cli(dir, 'restore', backup);
    expect(restored.code).toBe(0);
    expect(fs.existsSync(restored.json.keptAside)).toBe(true);
    expect(cli(dir, 'roster-summary', '--community', '第二小区').code).toBe(1);
    expect(cli(dir, 'roster-summary', '--community', '阳光小区').json.votingSubjects).toBe(4);
    expect(cli(dir, 'check').json).toMatchObject({ ok: true, problems: [] });
  });

  it('check refuses a database from a newer version, as every other command does, and suggests no backup', () => {
    const dir = tempDir();
    expect(cli(dir, 'check').json.ok).toBe(true);
    const db = new Database(path.join(dir, 'sanfang.sqlite'));
    db.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('from-a-newer-version', Date.now());
    db.close();
    const check = cli(dir, 'check');
    expect(check.code).toBe(1);
    expect(check.json).toMatchObject({ ok: false, suggestedBackup: null });
    expect(check.json.advice).toContain('更新版本');
    const other = cli(dir, 'roster-summary', '--community', '阳光小区');
    expect(other.code).toBe(1);
    expect(other.json.errors[0].message).toContain('更新版本');
  });

  it('usage errors exit 2 with one JSON document', () => {
    const dir = tempDir();
    expect(cli(dir, 'no-such-command').code).toBe(2);
    expect(cli(dir, 'roster-summary', '--community', 'x', '--colour', 'red').code).toBe(2);
    expect(cli(dir, 'roster-summary').code).toBe(2);
    expect(cli(dir, 'roster-summary', '--community', 'x', '--entrance', '1单元').code).toBe(2);
  });

  it('a damaged database is refused with advice (exit 1); only check reads every page', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'roster.xlsx');
    await writeRosterXlsx(file, WORKED);
    expect(cli(dir, 'import-roster', '--community', '阳光小区', file).code).toBe(0);
    const db = path.join(dir, 'sanfang.sqlite');
    const bytes = fs.readFileSync(db);
    for (let i = 100; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff;
    fs.writeFileSync(db, bytes);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
    const r = cli(dir, 'roster-summary', '--community', '阳光小区');
    expect(r.code).toBe(1);
    expect(r.json.errors[0].message).toMatch(/备份|损坏/);
    const check = cli(dir, 'check');
    expect(check.code).toBe(1);
    expect(check.json.ok).toBe(false);
  });
});
