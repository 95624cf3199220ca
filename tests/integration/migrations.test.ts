import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { knownSchemaVersion } from '../../main/db/migrations-info';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { openDataKey } from '../../main/security/data-key';
import { isPlaintextBackup } from '../../main/security/plaintext-backups';
import { openPerson } from '../../main/security/personal-data';
import { sealLegacyPlaintext } from '../../main/security/seal-legacy';
import { partCacheMismatches } from '../../main/services/register/part-cache';
import { rosterPage } from '../../main/services/register/roster-query';
import { legacyDatabase, migrationsUpTo, writeLegacyRoster } from '../fixtures/legacy-roster';
import { plaintextIn, secretForms } from '../fixtures/plaintext-scan';
import { generateRoster } from '../fixtures/roster-generator';
import { WORKED_ROSTER } from '../fixtures/worked-roster';
import { DEFAULT_CHART } from '../../shared/domain/ledger';
import { call, callError, tempDir, testApp } from '../helpers';

function rowCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%fts%' and name != '__drizzle_migrations'").pluck().all() as string[];
  const counts = Object.fromEntries(tables.map((t) => [t, (db.prepare(`select count(*) from "${t}"`).pluck().get() as number)]));
  db.close();
  return counts;
}

// docs/architecture.md §4: every migration is tested on a populated database, comparing row counts
// (drizzle-kit's table rebuilds can cascade-delete child rows). The roster is written as the
// versions before encryption stored it (plaintext IDs and phones, tests/fixtures/legacy-roster.ts);
// after the upgrade and the start-up sealing, none of them is left in the file's bytes.
describe('every migration keeps the data of a populated database', () => {
  const latest = knownSchemaVersion(MIGRATIONS_DIR);
  for (let from = 1; from < latest; from++) {
    it(`from schema ${from} to ${latest}`, async () => {
      const dir = tempDir();
      const file = path.join(dir, 'sanfang.sqlite');
      const old = await openDatabase(file, migrationsUpTo(from, tempDir('sanfang-migrations-')), path.join(dir, 'backups'));
      const legacy = writeLegacyRoster(old.sqlite, '升级小区', generateRoster({ parts: 200, seed: 11 }));
      old.sqlite.close();
      const before = rowCounts(file);
      expect(before.parts).toBe(200);
      const stored = legacy.flatMap((p) => [p.document, p.phone]).filter((v): v is string => v !== null);
      const secrets = secretForms(stored);
      expect(stored.length).toBeGreaterThan(300);
      // The scan can see them: the old file holds every one as it was stored.
      expect(plaintextIn([file], stored)).toHaveLength(stored.length);

      const migrated = await openDatabase(file, MIGRATIONS_DIR, path.join(dir, 'backups'));
      expect(migrated.sqlite.pragma('user_version', { simple: true })).toBe(latest);
      expect(migrated.preMigrationBackup).not.toBeNull();
      // What openApp does next: the data key, then sealing and VACUUM.
      const key = openDataKey(migrated.sqlite, file);
      if (key.state !== 'ready') throw new Error(key.problem);
      const sealing = sealLegacyPlaintext(migrated.sqlite, key.keys);
      expect(sealing).toMatchObject({ persons: legacy.length, auditRows: 5, vacuumed: true });
      expect(sealLegacyPlaintext(migrated.sqlite, key.keys)).toEqual({ persons: 0, ballots: 0, auditRows: 0, vacuumed: false });

      // Every value opens to what it was, the caches match the rows, and a full ID still finds its part.
      const rows = migrated.sqlite.prepare('select id, name, document, phone from persons').all() as { id: string; name: string; document: string | null; phone: string | null }[];
      const byId = new Map(legacy.map((p) => [p.id, p]));
      for (const r of rows) expect(openPerson(key.keys, r)).toEqual({ document: byId.get(r.id)!.document, phone: byId.get(r.id)!.phone });
      expect(partCacheMismatches(migrated.sqlite)).toEqual([]);
      const ctx = { ...migrated, dataDir: dir, backupDir: path.join(dir, 'backups'), migrationsDir: MIGRATIONS_DIR, keys: key.keys };
      const communityId = migrated.sqlite.prepare('select id from communities').pluck().get() as string;
      const someone = legacy.find((p) => p.document !== null)!;
      const found = rosterPage(ctx, { communityId, search: someone.document!, sort: 'address', desc: false, offset: 0, limit: 50 });
      expect(found.total).toBeGreaterThan(0);
      expect(found.rows.flatMap((r) => r.owners.map((o) => o.personId))).toContain(someone.id);
      migrated.sqlite.close();

      const after = rowCounts(file);
      // Migration 0008 adds two accounts to the default chart and to every community's books; a database from before
      // sealing (data_key empty: schema 8 has the table) gets its data key at the first start; nothing else grows.
      const grown: Record<string, number> = { default_chart: 2, ledger_accounts: 2 * (before.communities ?? 0), data_key: 1 };
      for (const [table, n] of Object.entries(before)) expect(after[table], table).toBe(n + (grown[table] ?? 0));
      expect(rowCounts(migrated.preMigrationBackup!)).toEqual(before);
      // No ID or phone in the clear in the upgraded file or its WAL; the backup from before still holds them, and says so.
      const files = [file, `${file}-wal`].filter((f) => fs.existsSync(f));
      expect(plaintextIn(files, secrets)).toEqual([]);
      expect(isPlaintextBackup(migrated.preMigrationBackup!)).toBe(true);
      expect(isPlaintextBackup(file)).toBe(false);
    });
  }
});

describe('the books of schema 8 after migration 0008', () => {
  it('statement rows posted before count as posted (even when reversed), old settles are claims, and the books gain their two accounts', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'sanfang.sqlite');
    const old = await openDatabase(file, migrationsUpTo(8, tempDir('sanfang-migrations-')), path.join(dir, 'backups'));
    writeLegacyRoster(old.sqlite, '升级小区', WORKED_ROSTER);
    const communityId = old.sqlite.prepare('select id from communities').pluck().get() as string;
    const account = (role: string) => old.sqlite.prepare('select id from ledger_accounts where community_id = ? and role = ?').pluck().get(communityId, role) as string;
    const part = (address: string) => old.sqlite.prepare('select id from parts where address = ?').pluck().get(address) as string;
    // What the versions before 0008 posted for a statement: deposits and unidentified receipts with `银行流水:` and the memo.
    let number = 0;
    const post = (e: { kind: string; date: string; counterparty: string; reference: string; reversesId?: string; settlesId?: string; reason?: string },
      lines: [string, number, string | null][]) => {
      const id = `legacy-${++number}`;
      old.sqlite.prepare(`insert into journal_entries (id, community_id, number, date, kind, memo, counterparty, reference, reverses_id, settles_id, reason,
          amount, accounts, address, search_text, created_at, created_by) values (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, 0, '', null, '', '2026-01-20T00:00:00.000Z', '旧版本')`)
        .run(id, communityId, number, e.date, e.kind, e.counterparty, e.reference, e.reversesId ?? null, e.settlesId ?? null, e.reason ?? '');
      for (const [accountId, amount, partId] of lines) {
        old.sqlite.prepare(`insert into journal_lines (entry_id, community_id, account_id, part_id, category, date, number, amount) values (?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(id, communityId, accountId, partId, partId ? 'deposit' : null, e.date, number, amount);
      }
      return id;
    };
    const [bank, fund, suspense] = [account('fund-bank'), account('fund'), account('suspense')];
    post({ kind: 'deposit', date: '2026-01-05', counterparty: 'A', reference: '银行流水:1幢101维修资金' }, [[bank, 90_000, null], [fund, -90_000, part('1幢101')]]);
    const stranger = post({ kind: 'unidentified', date: '2026-01-06', counterparty: '李四', reference: '银行流水:不明款项' }, [[bank, 2_000, null], [suspense, -2_000, null]]);
    post({ kind: 'transfer', date: '2026-01-07', counterparty: '李四', reference: '', settlesId: stranger, reason: '电话核实' }, [[suspense, 2_000, null], [fund, -2_000, part('2幢202')]]);
    const b = post({ kind: 'deposit', date: '2026-01-08', counterparty: 'B', reference: '银行流水:维修资金' }, [[bank, 10_000, null], [fund, -10_000, part('2幢201')]]);
    post({ kind: 'reversal', date: '2026-01-09', counterparty: 'B', reference: '银行流水:维修资金', reversesId: b }, [[bank, -10_000, null], [fund, 10_000, part('2幢201')]]);
    old.sqlite.close();

    const { app, session } = await (async () => {
      const a = await testApp(dir);
      return { app: a, session: (await call(a, 'auth.setup', { username: 'admin', displayName: '王主任', password: 'correct horse' })).session };
    })();
    const books = await call(app, 'ledger.books', { communityId }, session);
    expect(books.accounts.map((a) => a.code)).toEqual(DEFAULT_CHART.map((a) => a.code));
    // The same statement again: every row was posted (B's too, although its entry was reversed).
    const text = '\uFEFF日期,金额,付款人,摘要\n2026-01-05,900.00,A,1幢101维修资金\n2026-01-06,20.00,李四,不明款项\n2026-01-08,100.00,B,维修资金\n';
    const statement = { fileName: '1月.csv', base64: Buffer.from(text).toString('base64') };
    const preview = await call(app, 'fund.previewStatement', { communityId, file: statement }, session);
    expect(preview.rows.map((r) => [r.row, r.duplicate, r.postedBefore])).toEqual([
      [2, true, '已于 2026-01-20 入账（早期版本导入，第 1 号凭证），不再重复记账'],
      [3, true, '已于 2026-01-20 入账（早期版本导入，第 2 号凭证），不再重复记账'],
      [4, true, '已于 2026-01-20 入账（早期版本导入，第 4 号凭证），不再重复记账'],
    ]);
    expect(await call(app, 'fund.importStatement', { communityId, file: statement }, session)).toMatchObject({ posted: 0, skipped: 3 });
    // The receipt settled by the old version is a claim now: nothing waits in 待查明款项, and the list adds up to the account.
    expect(await call(app, 'fund.unidentified', { communityId }, session)).toEqual([]);
    expect(books.accounts.find((a) => a.role === 'suspense')!.balance).toBe('0.00');
    expect((await callError(app, 'ledger.reverse', { id: stranger, date: '2026-01-10', reason: 'x' }, session)).message).toContain('已由第 3 号凭证认领');
    const rows = await call(app, 'fund.statementRows', { communityId }, session);
    expect(rows.rows.map((r) => [r.date, r.class, r.entryNumber, r.fileName, r.position])).toEqual([
      ['2026-01-08', null, null, '', null], ['2026-01-06', 'unidentified', 2, '', null], ['2026-01-05', 'deposit', 1, '', null],
    ]);
    expect(await call(app, 'fund.reconciliation', { communityId, bankBalance: '920.00' }, session)).toMatchObject({ fund: { amount: '920.00' }, difference: '0.00' });
  });
});

describe('backups made before encryption', () => {
  it('are listed as plaintext and can be deleted, audited; nothing else can be deleted that way', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'sanfang.sqlite');
    await legacyDatabase(file, tempDir(), '升级小区', generateRoster({ parts: 40, seed: 3 }));

    const app = await testApp(dir); // upgrades: a pre-migration backup, then sealing, then the daily backup
    const { session } = await call(app, 'auth.setup', { username: 'admin', displayName: '王主任', password: 'correct horse' });
    const listed = await call(app, 'backup.list', {}, session);
    expect(listed.map((b) => [b.kind, b.plaintext]).sort()).toEqual([['daily', false], ['pre-migration', true]]);
    const plaintext = listed.find((b) => b.plaintext)!;
    const sealed = listed.find((b) => !b.plaintext)!;

    const refusedSealed = await callError(app, 'backup.deletePlaintext', { files: [plaintext.file, sealed.file] }, session);
    expect(refusedSealed).toMatchObject({ code: 'REFUSED', message: expect.stringContaining('已加密，不是明文备份，没有删除任何文件') });
    const outside = path.join(dir, 'sanfang.sqlite');
    expect((await callError(app, 'backup.deletePlaintext', { files: [outside] }, session)).message).toContain('不是备份文件夹中的备份');
    const renamed = path.join(dir, 'backups', '..', 'backups', path.basename(plaintext.file));
    expect(fs.existsSync(plaintext.file)).toBe(true);

    expect(await call(app, 'backup.deletePlaintext', { files: [renamed] }, session)).toEqual({ deleted: [plaintext.file] });
    expect(fs.existsSync(plaintext.file)).toBe(false);
    expect((await call(app, 'backup.list', {}, session)).map((b) => b.file)).toEqual([sealed.file]);
    const log = await call(app, 'audit.list', { entity: 'backup' }, session);
    expect(log.rows[0]).toMatchObject({ action: 'delete-plaintext-backups', author: '王主任（admin）', after: { files: [path.basename(plaintext.file)] } });
  });
});

