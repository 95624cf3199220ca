import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { deadlineToAct } from '../../shared/domain/dates';
import { officeCalendar } from '../../main/services/system/holidays';
import { openDatabase } from '../../main/db/connection';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { call, callError, loggedInApp, tempDir } from '../helpers';
import path from 'node:path';
import { requireDataKeys } from '../../main/security/data-key';

async function xlsx(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('节假日安排');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('the office holiday calendar', () => {
  it('starts from the shipped years; an edit makes the year the office’s own, audited', async () => {
    const { app, session } = await loggedInApp();
    const shipped = await call(app, 'holiday.year', { year: 2026 }, session);
    expect(shipped.origin).toBe('shipped');
    expect(shipped.days).toContainEqual({ date: '2026-10-10', kind: 'workday', name: '' });

    const edited = await call(app, 'holiday.setDay', { date: '2026-10-12', kind: 'holiday', name: '本地调整' }, session);
    expect(edited.origin).toBe('office');
    expect(edited.days).toContainEqual({ date: '2026-10-12', kind: 'holiday', name: '本地调整' });
    expect(edited.days).toContainEqual({ date: '2026-10-10', kind: 'workday', name: '' }); // the shipped days were kept
    const back = await call(app, 'holiday.setDay', { date: '2026-10-10', kind: 'normal' }, session);
    expect(back.days.map((d) => d.date)).not.toContain('2026-10-10');

    const refused = await callError(app, 'holiday.setDay', { date: '2026-10-13', kind: 'workday' }, session);
    expect(refused.message).toContain('不是周末');
    const log = await call(app, 'audit.list', { entity: 'holiday' }, session);
    expect(log.rows.map((r) => r.entityId)).toEqual(['2026-10-10', '2026-10-12']);

    // Every date rule sees the office's calendar.
    const opened = await openDatabase(app.dbPath, MIGRATIONS_DIR, path.join(tempDir(), 'b'));
    const cal = officeCalendar({ ...opened, dataDir: '', backupDir: '', migrationsDir: MIGRATIONS_DIR, keys: requireDataKeys(opened.sqlite, app.dbPath) });
    expect(deadlineToAct('2026-10-09', { days: 3 }, cal).date).toBe('2026-10-13'); // 10-12 is now a holiday
    opened.sqlite.close();
  });

  it('imports a year from xlsx, all or nothing, replacing that year', async () => {
    const { app, session } = await loggedInApp();
    const bad = await callError(app, 'holiday.import', { file: { fileName: 'h.xlsx', base64: await xlsx([
      ['日期', '类型', '名称'],
      ['2027-01-01', '放假', '元旦'],
      ['2027-01-05', '上班', ''], // a Tuesday
      ['2027-02-30', '放假', ''],
      ['2027-01-01', '放假', ''],
    ]) } }, session);
    expect(bad.code).toBe('VALIDATION');
    expect(bad.details).toEqual([
      { kind: 'row', row: 3, column: '日期', message: expect.stringContaining('不是周末') },
      { kind: 'row', row: 4, column: '日期', message: expect.stringContaining('不是有效日期') },
      { kind: 'row', row: 5, column: '日期', message: '日期 2027-01-01 与第2行重复' },
    ]);
    expect((await call(app, 'holiday.year', { year: 2027 }, session)).origin).toBe('none');

    const ok = await call(app, 'holiday.import', { file: { fileName: '2027.xlsx', base64: await xlsx([
      ['日期', '类型', '名称'],
      [new Date(Date.UTC(2027, 0, 1)), '放假', '元旦'],
      ['2027/2/6', '放假', '春节'],
      ['2027-02-20', '调休上班', ''],
    ]) } }, session);
    expect(ok).toEqual({ years: [2027], days: 3 });
    const y = await call(app, 'holiday.year', { year: 2027 }, session);
    expect(y).toMatchObject({ origin: 'office', source: '导入：2027.xlsx' });
    expect(y.days.map((d) => [d.date, d.kind])).toEqual([['2027-01-01', 'holiday'], ['2027-02-06', 'holiday'], ['2027-02-20', 'workday']]);
  });

  it('the template imports as the shipped year it shows', async () => {
    const { app, session } = await loggedInApp();
    const template = await call(app, 'holiday.template', {}, session);
    const shipped = await call(app, 'holiday.year', { year: 2026 }, session);
    await call(app, 'holiday.import', { file: template }, session);
    const imported = await call(app, 'holiday.year', { year: 2026 }, session);
    expect(imported.origin).toBe('office');
    expect(imported.days.map((d) => [d.date, d.kind])).toEqual(shipped.days.map((d) => [d.date, d.kind]));
  });
});
