/**
 * Fault drills (README, Reliability), with real processes: a CLI killed with
 * SIGKILL in the middle of an import, a full disk, a damaged middle page, a
 * read-only folder, another writer, a file locked by another program. Each
 * ends with the database sound and nothing half-written.
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRoster, writeRosterXlsx } from '../fixtures/roster-generator';
import { DEFAULT_HOME, runCli, runCliWith, tempDir } from '../helpers';

const HOLDER = 'tests/fixtures/lock-holder.mjs';
const cliEnv = { ...process.env, HOME: DEFAULT_HOME, XDG_CONFIG_HOME: path.join(DEFAULT_HOME, '.config') };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One value from the database, opened the way any program would (recovering the WAL). */
function query<T>(dbFile: string, sql: string): T {
  const db = new Database(dbFile);
  try {
    return db.prepare(sql).pluck().get() as T;
  } finally {
    db.close();
  }
}

function integrity(dbFile: string): string {
  return query<string>(dbFile, 'pragma integrity_check');
}

/** True while another connection holds the write lock (a probe that never waits). */
function writeLockHeld(dbFile: string): boolean {
  const db = new Database(dbFile, { timeout: 0 });
  try {
    db.exec('begin immediate');
    db.exec('rollback');
    return false;
  } catch (error) {
    if (String((error as { code?: string }).code).startsWith('SQLITE_BUSY')) return true;
    throw error;
  } finally {
    db.close();
  }
}

/** Another program holding the database (tests/fixtures/lock-holder.mjs), once it holds it. */
async function holdLock(dbFile: string, mode: 'write' | 'exclusive', ms: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [HOLDER, dbFile, mode, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`lock holder exited (${code}) before holding the lock`)));
  });
  return child;
}

type KillPoint = 'reading the file' | 'the write transaction begins' | 'inside the write transaction';

/**
 * Start a CLI command and kill it with SIGKILL at a point: while it reads the
 * file (before it holds the write lock), as soon as the lock is held, or 20 ms
 * into the transaction (still holding it). Resolves once the process is gone; fails when the point
 * could not be reached (the command ended first).
 */
async function killAt(dataDir: string, args: string[], point: KillPoint): Promise<void> {
  const dbFile = path.join(dataDir, 'sanfang.sqlite');
  const child = spawn(process.execPath, ['scripts/cli.mjs', '--data-dir', dataDir, ...args], { env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  let exited = false;
  const gone = new Promise<void>((resolve) => child.on('exit', () => {
    exited = true;
    resolve();
  }));
  if (point === 'reading the file') {
    await sleep(300);
    expect(writeLockHeld(dbFile), 'the command already writes: the reading point was missed').toBe(false);
  } else {
    // The import's transaction: the lock held on three polls in a row (a start-up's WAL recovery holds it for an instant).
    let streak = 0;
    while (!exited && streak < 3) {
      streak = writeLockHeld(dbFile) ? streak + 1 : 0;
      if (streak < 3) await sleep(2);
    }
    if (point === 'inside the write transaction') {
      await sleep(20);
      expect(writeLockHeld(dbFile), `the transaction ended within 20 ms: ${output}`).toBe(true);
    }
  }
  expect(exited, `the command ended before “${point}”: ${output}`).toBe(false);
  child.kill('SIGKILL');
  await gone;
  expect(child.signalCode).toBe('SIGKILL');
}

const POINTS: KillPoint[] = ['reading the file', 'the write transaction begins', 'inside the write transaction'];

async function communityWithRoster(parts: number) {
  const dir = tempDir();
  const roster = path.join(dir, 'roster.xlsx');
  await writeRosterXlsx(roster, generateRoster({ parts, seed: 7 }));
  return { dir, roster, dbFile: path.join(dir, 'sanfang.sqlite') };
}

describe('kill -9 in the middle of an import', () => {
  it('a roster import leaves nothing of itself, and the database is sound', async () => {
    const { dir, roster, dbFile } = await communityWithRoster(8000);
    expect(runCli(dir, 'check').json.ok).toBe(true); // the database exists before the import starts
    for (const point of POINTS) {
      await killAt(dir, ['import-roster', '--community', '阳光小区', roster], point);
      expect(query(dbFile, 'select count(*) from communities'), point).toBe(0);
      expect(query(dbFile, 'select count(*) from parts'), point).toBe(0);
      expect(integrity(dbFile), point).toBe('ok');
      expect(runCli(dir, 'check').json, point).toMatchObject({ ok: true });
    }
    expect(runCli(dir, 'import-roster', '--community', '阳光小区', roster).json).toMatchObject({ parts: 8000 });
  }, 120_000);

  it('a ballot import leaves no ballot, and the database is sound', async () => {
    const { dir, roster, dbFile } = await communityWithRoster(8000);
    expect(runCli(dir, 'import-roster', '--community', '阳光小区', roster).code).toBe(0);
    const vote = runCli(dir, 'vote', 'create', '--community', '阳光小区', '--title', '年度表决', '--opens', '2026-11-01', '--closes', '2026-11-30',
      '--item', '续聘物业|4', '--item', '外墙维修|5');
    const db = new Database(dbFile, { readonly: true });
    const addresses = db.prepare('select building_name as b, entrance_name as e, room as r from vote_subject_parts where vote_id = ? group by subject_id').all(vote.json.id) as { b: string; e: string; r: string }[];
    db.close();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('表决票');
    sheet.addRow(['楼栋', '单元', '房号', '议题1', '议题2']);
    for (const a of addresses) sheet.addRow([a.b, a.e, a.r, '同意', '反对']);
    const file = path.join(dir, 'ballots.xlsx');
    await wb.xlsx.writeFile(file);
    for (const point of POINTS) {
      await killAt(dir, ['ballots', 'import', '--vote', vote.json.id, file], point);
      expect(query(dbFile, 'select count(*) from ballots'), point).toBe(0);
      expect(query(dbFile, 'select count(*) from ballot_choices'), point).toBe(0);
      expect(integrity(dbFile), point).toBe('ok');
      expect(runCli(dir, 'check').json, point).toMatchObject({ ok: true });
    }
    expect(runCli(dir, 'ballots', 'import', '--vote', vote.json.id, file).json).toEqual({ recorded: addresses.length });
  }, 120_000);

  it('an opening-balance import leaves no entry, and the database is sound', async () => {
    const { dir, roster, dbFile } = await communityWithRoster(8000);
    expect(runCli(dir, 'import-roster', '--community', '阳光小区', roster).code).toBe(0);
    const db = new Database(dbFile, { readonly: true });
    const parts = db.prepare('select p.room, b.name as building, coalesce(e.name, \'\') as entrance from parts p join buildings b on b.id = p.building_id left join entrances e on e.id = p.entrance_id').all() as { room: string; building: string; entrance: string }[];
    db.close();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('期初');
    sheet.addRow(['楼栋', '单元', '房号', '应缴首期', '已缴存', '增值收益', '已使用', '余额']);
    for (const p of parts) sheet.addRow([p.building, p.entrance, p.room, '3000.00', '3000.00', '12.34', '0', '3012.34']);
    const file = path.join(dir, 'opening.xlsx');
    await wb.xlsx.writeFile(file);
    const total = ((301234 * parts.length) / 100).toFixed(2);
    const args = ['fund', 'import-opening', '--community', '阳光小区', '--as-of', '2025-12-31', '--bank-balance', total, file];
    for (const point of POINTS) {
      await killAt(dir, args, point);
      expect(query(dbFile, 'select count(*) from ledger_openings'), point).toBe(0);
      expect(query(dbFile, 'select count(*) from journal_entries'), point).toBe(0);
      expect(integrity(dbFile), point).toBe('ok');
      expect(runCli(dir, 'check').json, point).toMatchObject({ ok: true });
    }
    expect(runCli(dir, ...args).json).toEqual({ parts: parts.length, total, difference: '0.00' });
  }, 120_000);
});

describe('a full disk', () => {
  it('is named as such, writes nothing, and the app goes on once there is space', async () => {
    const { dir, roster, dbFile } = await communityWithRoster(2000);
    expect(runCli(dir, 'check').json.ok).toBe(true);
    const pages = query<number>(dbFile, 'pragma page_count');
    // Room for a few pages more than the empty database: the import cannot fit (SANFANG_MAX_PAGE_COUNT, see README).
    const full = runCliWith({ SANFANG_MAX_PAGE_COUNT: String(pages + 20) }, dir, 'import-roster', '--community', '阳光小区', roster);
    expect(full.code).toBe(1);
    expect(full.json.errors[0].message).toContain('磁盘空间已满');
    expect(full.json.errors[0].message).not.toContain('损坏');
    expect(query(dbFile, 'select count(*) from communities')).toBe(0);
    expect(integrity(dbFile)).toBe('ok');
    // Space freed: the same import goes through.
    expect(runCli(dir, 'import-roster', '--community', '阳光小区', roster).json).toMatchObject({ parts: 2000 });
    expect(runCli(dir, 'check').json.ok).toBe(true);
  }, 120_000);
});

describe('a damaged middle page', () => {
  it('refuses every write, says which backup to restore, and the printed restore command works', async () => {
    const { dir, roster, dbFile } = await communityWithRoster(2000);
    expect(runCli(dir, 'import-roster', '--community', '阳光小区', roster).code).toBe(0);
    // A second command takes the day's backup (the first found no data yet).
    expect(runCli(dir, 'roster-summary', '--community', '阳光小区').json).toMatchObject({ parts: 2000 });
    const backups = fs.readdirSync(path.join(dir, 'backups'));
    expect(backups.some((f) => f.startsWith('sanfang-daily-'))).toBe(true);

    // Overwrite one page in the middle of the parts table, leaving the header and the schema alone.
    const db = new Database(dbFile, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pagesOfParts = db.prepare("select pageno from dbstat where name = 'parts' order by pageno").pluck().all() as number[];
    db.close();
    const page = pagesOfParts[Math.floor(pagesOfParts.length / 2)]!;
    const fd = fs.openSync(dbFile, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
    fs.closeSync(fd);
    const hash = () => createHash('sha256').update(fs.readFileSync(dbFile)).digest('hex');
    const before = hash();

    const refused = runCli(dir, 'meeting', 'create', '--community', '阳光小区', '--kind', '联席会议', '--title', '12月联席会议', '--date', '2026-12-01');
    expect(refused.code).toBe(1);
    const message = refused.json.errors[0].message as string;
    expect(message).toContain('损坏');
    expect(message).toContain('请关闭本程序，用最近一份完好的备份恢复');
    expect(hash()).toBe(before);
    expect(fs.existsSync(`${dbFile}-wal`) && fs.statSync(`${dbFile}-wal`).size > 0).toBe(false);

    // The advice's command, run as printed (from the project folder, where `npm run -s cli` works).
    const command = /命令：(npm run -s cli -- .+?)）/.exec(message)?.[1];
    expect(command).toContain(`--db "${dbFile}" restore "${path.join(dir, 'backups', 'sanfang-daily-')}`);
    const restored = spawnSync('sh', ['-c', command!], { encoding: 'utf8', env: cliEnv });
    expect(restored.status, restored.stdout + restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ keptAside: expect.stringContaining(path.join(dir, 'backups')) });
    expect(runCli(dir, 'check').json).toMatchObject({ ok: true });
    expect(runCli(dir, 'meeting', 'create', '--community', '阳光小区', '--kind', '联席会议', '--title', '12月联席会议', '--date', '2026-12-01').code).toBe(0);
  }, 120_000);
});

describe('a read-only data folder', () => {
  it('is named as such, not as damage, and says nothing about missing backups', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'roster.xlsx');
    await writeRosterXlsx(file, generateRoster({ parts: 20, seed: 3 }));
    expect(runCli(dir, 'import-roster', '--community', '阳光小区', file).code).toBe(0);
    // As root, modes do not stop writing: the folder and its files are made immutable instead.
    const root = process.getuid?.() === 0;
    const lock = (on: boolean) => {
      if (root) {
        for (const f of [dir, ...fs.readdirSync(dir).map((n) => path.join(dir, n))]) {
          const r = spawnSync('chattr', [on ? '+i' : '-i', f], { encoding: 'utf8' });
          expect(r.status, `chattr: ${r.stderr}`).toBe(0);
        }
      } else fs.chmodSync(dir, on ? 0o500 : 0o700);
    };
    lock(true);
    try {
      for (const args of [['meeting', 'create', '--community', '阳光小区', '--kind', '联席会议', '--title', 't', '--date', '2026-12-01'], ['roster-summary', '--community', '阳光小区']]) {
        const r = runCli(dir, ...args);
        expect(r.code).toBe(1);
        const message = r.json.errors[0].message as string;
        expect(message).toContain('只读');
        expect(message).not.toContain('损坏');
        expect(message).not.toContain('没有找到完好的备份');
      }
    } finally {
      lock(false);
    }
    expect(runCli(dir, 'meeting', 'create', '--community', '阳光小区', '--kind', '联席会议', '--title', 't', '--date', '2026-12-01').code).toBe(0);
  }, 60_000);
});

describe('two writers', () => {
  it('the second waits, visibly, and succeeds; past its wait it gives up with nothing written', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'roster.xlsx');
    await writeRosterXlsx(file, generateRoster({ parts: 20, seed: 3 }));
    expect(runCli(dir, 'import-roster', '--community', '阳光小区', file).code).toBe(0);
    const dbFile = path.join(dir, 'sanfang.sqlite');
    const meeting = ['meeting', 'create', '--community', '阳光小区', '--kind', '联席会议', '--date', '2026-12-01', '--title'];

    // The holder lets go only once the command has said that it waits.
    const holder = await holdLock(dbFile, 'write', 600_000);
    const waiting = spawn(process.execPath, ['scripts/cli.mjs', '--data-dir', dir, ...meeting, '等待后写入'], { env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    waiting.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    const done = new Promise<number | null>((resolve) => waiting.on('exit', resolve));
    await new Promise<void>((resolve) => waiting.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      if (err.includes('数据库正被另一个程序写入')) resolve();
    }));
    expect(err).toMatch(/已等待 \d+ 秒，继续等待（最多 60 秒）/);
    holder.kill('SIGKILL');
    expect(await done).toBe(0);
    expect(JSON.parse(out)).toHaveProperty('id');

    const long = await holdLock(dbFile, 'write', 600_000);
    try {
      const gaveUp = runCliWith({ SANFANG_BUSY_WAIT: '3' }, dir, ...meeting, '等不到');
      expect(gaveUp.code).toBe(1);
      expect(gaveUp.json.errors[0].message).toMatch(/正被另一个程序写入.*，已等待 \d+ 秒仍未轮到/);
      expect(gaveUp.json.errors[0].message).not.toContain('损坏');
    } finally {
      long.kill('SIGKILL');
    }
    expect(query(dbFile, "select group_concat(title) from meetings")).toBe('等待后写入');
  }, 60_000);

  it('the browser-mode server waits for a CLI import and then writes', async () => {
    const { dir, roster, dbFile } = await communityWithRoster(20000);
    expect(runCli(dir, 'check').json.ok).toBe(true);
    const server = spawn(process.execPath, ['scripts/web.mjs', '--data-dir', dir], { env: cliEnv, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = await new Promise<URL>((resolve, reject) => {
        let out = '';
        server.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
          if (m) resolve(new URL(m[1]!));
        });
        server.on('exit', (code) => reject(new Error(`server exited (${code})`)));
      });
      const invoke = async (method: string, input: unknown, session?: string) => {
        const r = await fetch(new URL('/api/invoke', url), {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-sanfang-token': url.searchParams.get('token')! },
          body: JSON.stringify({ method, input, ...(session ? { session } : {}) }),
        });
        return (await r.json()) as { ok: boolean; result?: { session?: string }; error?: { message: string } };
      };
      const setup = await invoke('auth.setup', { username: 'admin', displayName: '王主任', password: 'correct horse' });
      const session = setup.result!.session!;

      const importing = spawn(process.execPath, ['scripts/cli.mjs', '--data-dir', dir, 'import-roster', '--community', '大社区', roster], { env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let importOut = '';
      importing.stdout!.on('data', (c: Buffer) => (importOut += c.toString()));
      const importDone = new Promise<number | null>((resolve) => importing.on('exit', resolve));
      let ended = false;
      void importDone.then(() => (ended = true));
      while (!ended && !writeLockHeld(dbFile)) await sleep(2);
      expect(ended, 'the import ended before the server could meet its write lock').toBe(false);
      const created = await invoke('community.create', { name: '服务器写入的小区' }, session);
      expect(created, JSON.stringify(created)).toMatchObject({ ok: true });
      expect(await importDone).toBe(0);
      expect(JSON.parse(importOut)).toMatchObject({ parts: 20000 });
      expect(query(dbFile, "select group_concat(name, '、') from (select name from communities order by name)")).toBe('大社区、服务器写入的小区');
    } finally {
      server.kill('SIGTERM');
    }
  }, 120_000);
});

describe('a file locked by another program', () => {
  it('is named as such, and works again once the other program lets go', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'roster.xlsx');
    await writeRosterXlsx(file, generateRoster({ parts: 20, seed: 3 }));
    expect(runCli(dir, 'import-roster', '--community', '阳光小区', file).code).toBe(0);
    const holder = await holdLock(path.join(dir, 'sanfang.sqlite'), 'exclusive', 30_000);
    try {
      const r = runCli(dir, 'roster-summary', '--community', '阳光小区');
      expect(r.code).toBe(1);
      expect(r.json.errors[0].message).toContain('被另一个程序锁定');
      expect(r.json.errors[0].message).not.toContain('损坏');
    } finally {
      holder.kill('SIGKILL');
    }
    expect(runCli(dir, 'roster-summary', '--community', '阳光小区').json).toMatchObject({ parts: 20 });
  }, 60_000);
});
