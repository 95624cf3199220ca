/**
 * What the import wizard asks of main: progress by ticket while a long file is
 * read (the work yields, so the poll is answered), the import into an existing
 * community without parts, and the error list as an xlsx.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { generateRoster, rosterCsv } from '../fixtures/roster-generator';
import { call, callError, loggedInApp } from '../helpers';

const csv = (parts: number, seed = 1) => ({ fileName: 'r.csv', base64: Buffer.from(`\uFEFF${rosterCsv(generateRoster({ parts, seed }))}`).toString('base64') });

describe('the roster import wizard in main', () => {
  it('reports rows read while a preview runs, and only to a known ticket', async () => {
    const { app, session } = await loggedInApp();
    const ticket = 'progress-ticket-1';
    const running = call(app, 'roster.previewImport', { file: csv(20_000), community: { name: '大小区' }, ticket }, session);
    const seen: { stage: string; rowsRead: number; rowsTotal: number | null }[] = [];
    let done = false;
    void running.then(() => { done = true; });
    while (!done) {
      const p = await call(app, 'roster.importProgress', { ticket }, session);
      if (p) seen.push(p);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await running).summary?.parts).toBe(20_000);
    expect(seen.some((p) => p.stage === 'check' && p.rowsRead > 0 && p.rowsRead < 20_000 && p.rowsTotal === 20_000)).toBe(true);
    const last = await call(app, 'roster.importProgress', { ticket }, session);
    expect(last).toMatchObject({ stage: 'done', rowsRead: 20_000 });
    expect(await call(app, 'roster.importProgress', { ticket: 'never-given-1' }, session)).toBeNull();
    expect((await callError(app, 'roster.importProgress', { ticket: 'bad ticket!' }, session)).code).toBe('VALIDATION');
  }, 120_000);

  it('imports into an existing community with no parts, with its own rules; not into one with parts', async () => {
    const { app, session } = await loggedInApp();
    const empty = await call(app, 'community.create', { name: '先建的小区', settings: { countParkingInVotes: true } }, session);
    const result = await call(app, 'roster.import', { file: csv(30), communityId: empty.id }, session);
    expect(result.communityId).toBe(empty.id);
    expect(result.summary.parts).toBe(30);
    const again = await call(app, 'roster.previewImport', { file: csv(30, 2), communityId: empty.id }, session);
    expect(again.ok).toBe(false);
    expect(again.errors[0]!.message).toContain('已有 30 个专有部分');
    // Both or neither is refused.
    expect((await callError(app, 'roster.previewImport', { file: csv(3) }, session)).code).toBe('VALIDATION');
  }, 60_000);

  it('writes the error list: every row, the faulty ones marked with what is wrong', async () => {
    const { app, session } = await loggedInApp();
    const rows = generateRoster({ parts: 6, seed: 4 }).map((r) => ({ ...r }));
    rows[2] = { ...rows[2]!, area: 'abc' };
    rows[4] = { ...rows[4]!, building: '=HYPERLINK("x")' };
    const file = { fileName: '坏.csv', base64: Buffer.from(`\uFEFF${rosterCsv(rows)}`).toString('base64') };
    const out = await call(app, 'roster.importErrors', { file, community: { name: '错' } }, session);
    expect(out.fileName).toBe('坏-错误清单.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('错误清单')!;
    expect(sheet.rowCount).toBe(7);
    const problem = (n: number) => String(sheet.getRow(n).getCell(12).value ?? '');
    expect(problem(4)).toContain('【专有部分面积】');
    expect(problem(2)).toBe('');
    // Formula-like text stays text (safe-cells.ts).
    const cell = sheet.getRow(6).getCell(2);
    expect(cell.value).toBe('=HYPERLINK("x")');
    expect(cell.numFmt).toBe('@');
  }, 60_000);
});
