/**
 * The data folder is private to the OS account (README, Security): folders
 * 0700, files 0600 — after the first start, an import, a backup and an
 * attachment, and for a folder left 755/644 by an earlier version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRosterXlsx } from '../fixtures/roster-generator';
import { WORKED_ROSTER } from '../fixtures/worked-roster';
import { call, loggedInApp, runCli, tempDir, testApp } from '../helpers';

/** Every folder and file under dir with its mode, e.g. ['backups/', 0o700]. */
function modes(dir: string): [string, number][] {
  const out: [string, number][] = [['.', fs.statSync(dir).mode & 0o777]];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      out.push([path.relative(dir, full) + (e.isDirectory() ? '/' : ''), fs.statSync(full).mode & 0o777]);
      if (e.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out;
}

function expectPrivate(dir: string) {
  const wrong = modes(dir).filter(([name, mode]) => mode !== (name === '.' || name.endsWith('/') ? 0o700 : 0o600));
  expect(wrong.map(([n, m]) => `${n} ${m.toString(8)}`)).toEqual([]);
}

describe.skipIf(process.platform === 'win32')('the data folder is private', () => {
  it('after the first start, an import, a backup and an attachment', async () => {
    const dir = path.join(tempDir(), 'SanfangOffice');
    const { app, session } = await loggedInApp(dir);
    expectPrivate(dir);
    expect(fs.existsSync(path.join(dir, 'sanfang.sqlite-wal'))).toBe(true);

    const roster = path.join(tempDir(), 'r.xlsx');
    await writeRosterXlsx(roster, WORKED_ROSTER);
    const imported = await call(app, 'roster.import', { file: { fileName: 'r.xlsx', base64: fs.readFileSync(roster).toString('base64') }, community: { name: '阳光小区' } }, session);
    expectPrivate(dir);

    await call(app, 'backup.create', {}, session);
    expect(fs.readdirSync(path.join(dir, 'backups')).length).toBeGreaterThan(0);
    expectPrivate(dir);

    const meeting = await call(app, 'meeting.create', { communityId: imported.communityId, kind: '联席会议', title: '联席会议', date: '2026-11-02' }, session);
    await call(app, 'attachment.add', { ownerType: 'meeting', ownerId: meeting.id, file: { fileName: '签到表.pdf', base64: Buffer.from('%PDF-1.4\n%签到表\n').toString('base64') } }, session);
    expect(fs.existsSync(path.join(dir, 'attachments'))).toBe(true);
    expectPrivate(dir);
  });

  it('a folder an earlier version left readable by everyone is made private at start, by the app and the CLI', async () => {
    const dir = tempDir();
    (await testApp(dir)).close();
    fs.mkdirSync(path.join(dir, 'backups'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'backups', 'sanfang-daily-20260101-120000-000.sqlite'), '');
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'backups'), 0o755);
    for (const f of ['sanfang.sqlite', 'backups/sanfang-daily-20260101-120000-000.sqlite']) fs.chmodSync(path.join(dir, f), 0o644);
    expect(runCli(dir, 'roster-summary', '--community', '没有').code).toBe(1);
    expectPrivate(dir);

    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'sanfang.sqlite'), 0o644);
    (await testApp(dir)).close();
    expectPrivate(dir);
  });
});
