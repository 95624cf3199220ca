import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { knownSchemaVersion } from '../../main/db/migrations-info';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { openDataKey } from '../../main/security/data-key';
import { isPlaintextBackup } from '../../main/security/plaintext-backups';
import { sealLegacyPlaintext } from '../../main/security/seal-legacy';
import { partCacheMismatches } from '../../main/services/register/part-cache';
import { rosterPage } from '../../main/services/register/roster-query';
import { legacyDatabase, migrationsUpTo, writeLegacyRoster } from '../fixtures/legacy-roster';
import { plaintextIn, secretForms } from '../fixtures/plaintext-scan';
import { generateRoster } from '../fixtures/roster-generator';
import { WORKED_ROSTER } from '../fixtures/worked-roster';
import type { App } from '../../main/app';
import { openPerson, openProxyDocument } from '../../main/security/personal-data';
import { ledgerProblems } from '../../main/services/treasury/ledger';
import { voteTallyMismatches } from '../../main/services/votes/vote-tally';
import type { MethodInput, MethodName } from '../../shared/contract/methods';
import { formatHundredths } from '../../shared/domain/area';
import { DEFAULT_CHART, normalBalance } from '../../shared/domain/ledger';
import { fenToYuan, parseYuan } from '../../shared/domain/money';
import type { CountArea } from '../../shared/domain/tally';
import { LEGACY_ADMIN, LEGACY_PROXY_DOCUMENT, SEARCH_WORD, writeLegacyRecords, type LegacyRecords } from '../fixtures/legacy-records';
import { call, callError, tempDir, testApp } from '../helpers';

/**
 * Columns the first start after the upgrade rewrites on purpose — the sealing of plaintext left by the versions
 * before encryption (main/security/seal-legacy.ts, the code half of migration 0007) — compared as the SQL here
 * says instead of as stored. Each is checked otherwise: the persons' and proxies' values open to what they were,
 * the roster's caches equal their rows (partCacheMismatches), the audit rows of persons and ballots are the ones
 * the sealing counts as masked, the data key's marks say the sealing and VACUUM are done, and no ID or phone is
 * left in the file's bytes.
 */
const TRANSFORMED: Record<string, Record<string, string>> = {
  // revision: sealing rewrites the ID and phone an edit form writes, so their trigger counts it (migration 0012).
  persons: Object.fromEntries(['document', 'phone', 'document_hash', 'document_masked', 'phone_hash', 'phone_masked', 'revision'].map((c) => [c, 'null'])),
  parts: { search_text: 'null' },
  ballots: { proxy_document: 'null' },
  audit_log: Object.fromEntries(['before', 'after'].map((c) => [c, `case when entity in ('person', 'ballot') then null else "${c}" end`])),
  data_key: { sealed_at: 'null', vacuumed_at: 'null' },
};

interface Table { columns: string[]; rows: string[] }

/**
 * Every table of a database file with its columns and its rows, each row as the JSON of its values in column
 * order (FTS5's shadow tables are the index's inside; the virtual table itself is compared by rowid). `only`:
 * read just these columns of each table (the columns both sides have).
 */
function tableContents(file: string, only?: ReadonlyMap<string, readonly string[]>): Map<string, Table> {
  const db = new Database(file, { readonly: true });
  try {
    const master = db.prepare("select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' and name != '__drizzle_migrations'").all() as { name: string; sql: string }[];
    const virtual = master.filter((t) => /^create virtual table/i.test(t.sql)).map((t) => t.name);
    const tables = new Map<string, Table>();
    for (const { name } of master) {
      if (virtual.some((v) => name.startsWith(`${v}_`))) continue;
      const own = virtual.includes(name) ? ['rowid'] : (db.pragma(`table_info("${name}")`) as { name: string }[]).map((c) => c.name);
      const columns = only ? (only.get(name) ?? []).filter((c) => own.includes(c)) : own;
      const select = columns.map((c) => TRANSFORMED[name]?.[c] ?? `"${c}"`).join(', ') || 'null';
      tables.set(name, { columns, rows: (db.prepare(`select ${select} from "${name}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r)) });
    }
    return tables;
  } finally {
    db.close();
  }
}

/** Every table of the schema holds rows (the fixture's, the roster's or a migration's own): a table without them would go through an upgrade untested. */
function expectEveryTableSeeded(contents: Map<string, Table>, schema: number) {
  for (const [table, { rows }] of contents) expect(rows.length, `table ${table} has no seed rows at schema ${schema}`).toBeGreaterThan(0);
}

/** The rows of `before` that `after` no longer holds (each row counted as often as it occurs). */
function lostRows(before: readonly string[], after: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const r of after) left.set(r, (left.get(r) ?? 0) + 1);
  return before.filter((r) => {
    const n = left.get(r) ?? 0;
    if (n > 0) left.set(r, n - 1);
    return n === 0;
  });
}

// docs/architecture.md §4: every migration is tested on a database holding rows in every table — the roster as the
// versions before encryption stored it (plaintext IDs and phones, tests/fixtures/legacy-roster.ts) and a year of
// meetings, votes, books, contracts, bodies and issues as each schema's versions wrote them
// (tests/fixtures/legacy-records.ts). After the upgrade every row is still there with the same values in the columns
// both schemas have (drizzle-kit's table rebuilds can cascade-delete child rows or drop a column's values), the caches
// equal their rows, the app reads the records back, and after the start-up sealing no ID or phone is left in the
// file's bytes.
describe('every migration keeps the data of a populated database', () => {
  const latest = knownSchemaVersion(MIGRATIONS_DIR);
  for (let from = 1; from < latest; from++) {
    it(`from schema ${from} to ${latest}`, async () => {
      const dir = tempDir();
      const file = path.join(dir, 'sanfang.sqlite');
      const old = await openDatabase(file, migrationsUpTo(from, tempDir('sanfang-migrations-')), path.join(dir, 'backups'));
      const legacy = writeLegacyRoster(old.sqlite, '升级小区', generateRoster({ parts: 200, seed: 11 }));
      const communityId = old.sqlite.prepare('select id from communities').pluck().get() as string;
      const records = writeLegacyRecords(old.sqlite, file, communityId);
      old.sqlite.close();
      const before = tableContents(file);
      expectEveryTableSeeded(before, from);
      expect(before.get('parts')!.rows).toHaveLength(200);
      const stored = [...legacy.flatMap((p) => [p.document, p.phone]), ...records.proxyDocuments.values()].filter((v): v is string => v !== null);
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
      expect(sealing).toEqual({ persons: legacy.length, ballots: records.proxyDocuments.size, auditRows: 5 + records.personalAuditRows, vacuumed: true });
      expect(sealLegacyPlaintext(migrated.sqlite, key.keys)).toEqual({ persons: 0, ballots: 0, auditRows: 0, vacuumed: false });

      // Every value opens to what it was, the caches match the rows, and a full ID still finds its part.
      const rows = migrated.sqlite.prepare('select id, name, document, phone from persons').all() as { id: string; name: string; document: string | null; phone: string | null }[];
      const byId = new Map(legacy.map((p) => [p.id, p]));
      for (const r of rows) expect(openPerson(key.keys, r)).toEqual({ document: byId.get(r.id)!.document, phone: byId.get(r.id)!.phone });
      for (const [ballotId, document] of records.proxyDocuments) {
        const sealed = migrated.sqlite.prepare('select proxy_document from ballots where id = ?').pluck().get(ballotId) as string;
        expect(openProxyDocument(key.keys, ballotId, sealed)).toBe(document);
      }
      expect(partCacheMismatches(migrated.sqlite)).toEqual([]);
      // The caches of the books and of the votes (kept by triggers) still equal their rows: what `check` reports.
      expect(ledgerProblems(migrated.sqlite)).toEqual([]);
      expect(voteTallyMismatches(migrated.sqlite)).toEqual([]);
      const ctx = { ...migrated, dataDir: dir, backupDir: path.join(dir, 'backups'), migrationsDir: MIGRATIONS_DIR, keys: key.keys };
      const someone = legacy.find((p) => p.document !== null)!;
      const found = rosterPage(ctx, { communityId, search: someone.document!, sort: 'address', desc: false, offset: 0, limit: 50 });
      expect(found.total).toBeGreaterThan(0);
      expect(found.rows.flatMap((r) => r.owners.map((o) => o.personId))).toContain(someone.id);
      migrated.sqlite.close();

      // Every row is still there, equal in every column both schemas have (read from the backup taken before the
      // upgrade, which holds the file as it was). Migration 0008 adds two accounts to the default chart and to every
      // community's books; nothing else grows. A migration that drops a column on purpose names it in `dropped`.
      const runs = (migration: number) => from <= migration; // schema N has migrations 0 … N − 1
      const grown: Record<string, number> = runs(8) ? { default_chart: 2, ledger_accounts: 2 * before.get('communities')!.rows.length } : {};
      const dropped: Record<string, string[]> = {};
      const afterColumns = new Map([...tableContents(file)].map(([t, { columns }]) => [t, columns]));
      const shared = new Map([...before].map(([t, { columns }]) => [t, columns.filter((c) => afterColumns.get(t)?.includes(c))]));
      const kept = tableContents(migrated.preMigrationBackup!, shared);
      const after = tableContents(file, shared);
      for (const [table, { columns, rows: old }] of before) {
        expect(kept.get(table)!.rows, `the backup's ${table}`).toHaveLength(old.length);
        expect(after.get(table)?.rows.length, `rows of ${table}`).toBe(old.length + (grown[table] ?? 0));
        expect(shared.get(table), `columns of ${table} after the upgrade`).toEqual(columns.filter((c) => !dropped[table]?.includes(c)));
        const lost = lostRows(kept.get(table)!.rows, after.get(table)!.rows);
        expect(lost.slice(0, 3), `${lost.length} rows of ${table} lost or changed by the upgrade (columns ${shared.get(table)!.join(', ')})`).toEqual([]);
      }
      // No ID or phone in the clear in the upgraded file or its WAL; the backup from before still holds them, and says so.
      const files = [file, `${file}-wal`].filter((f) => fs.existsSync(f));
      expect(plaintextIn(files, secrets)).toEqual([]);
      expect(isPlaintextBackup(migrated.preMigrationBackup!)).toBe(true);
      expect(isPlaintextBackup(file)).toBe(false);

      // The office's administrator of that version signs in, and the app reads every kind of record back.
      const app = await testApp(dir);
      const { session, user, mustChangePassword } = await call(app, 'auth.login', LEGACY_ADMIN);
      // Migration 0009: the administrator of the versions before accounts had roles is 管理员 over every community.
      expect(user.grants).toEqual([{ role: 'admin', communities: 'all' }]);
      expect(mustChangePassword).toBe(false);
      await readBack(app, session, communityId, records);
    });
  }
});

const countArea = (c: CountArea) => ({ count: c.count, area: formatHundredths(c.area) });

/**
 * What the app shows of the seeded records after the upgrade, through the router (whose contract checks every
 * output): each section only where its tables existed before. The expected figures are the ones the fixture wrote.
 */
async function readBack(app: App, session: string, communityId: string, r: LegacyRecords) {
  const get = <M extends MethodName>(method: M, input: MethodInput<M>) => call(app, method, input, session);
  expect((await get('community.list', {})).map((c) => c.id)).toEqual([communityId]);
  const audit = await get('audit.list', { entity: 'user' });
  expect(audit.rows.map((a) => [a.action, a.author])).toContainEqual(['create', '王主任（admin）']);
  // The search index (migration 0001 on) finds the seeded documents by a word of them.
  const hits = (await get('search.query', { communityId, text: SEARCH_WORD })).hits;
  expect(hits.length > 0).toBe(r.tables.includes('search_docs'));

  if (r.reviews) {
    const reviews = await get('review.list', { filter: 'community', communityId });
    expect(reviews.map((x) => [x.id, x.status, x.canConfirm])).toEqual([[r.reviews.withdrawn, 'withdrawn', false], [r.reviews.confirmed, 'confirmed', false]]);
  }

  if (r.holidays) {
    const year = await get('holiday.year', { year: r.holidays.year });
    expect(year.origin).toBe('office');
    expect(year.days.find((d) => d.date === r.holidays!.edited)).toMatchObject({ kind: 'holiday', name: '本地调整' });
  }
  if (r.meetings) {
    const m = r.meetings;
    const joint = await get('meeting.get', { id: m.joint });
    expect(joint).toMatchObject({ title: '1月联席会议', status: 'held', postedDate: '2026-01-12' });
    expect(joint.agenda.map((a) => a.matterId)).toEqual([m.renewMatter, m.liftMatter]);
    expect(joint.minutes.map((v) => [v.id, v.status])).toEqual(m.minutesOfJoint.map((id) => [id, 'approved']));
    const committee = await get('meeting.get', { id: m.committee });
    expect(committee.overrides.map((o) => o.rule)).toEqual(['notice-period']);
    expect(committee.checks.quorum).toMatchObject({ members: 5, present: 4 });
    expect(committee.agenda.map((a) => a.passed)).toEqual([true, true]);
    const minutes = await get('minutes.get', { id: m.minutesOfJoint[1]! });
    expect(minutes).toMatchObject({ version: 2, supersedesId: m.minutesOfJoint[0], correctionReason: '补记表决形式和待办' });
    expect(minutes.text).toContain(SEARCH_WORD);
    expect((await get('action.list', { communityId, filter: 'all' })).map((a) => [a.text, a.doneDate]).sort()).toEqual([['张贴续聘表决公告', '2026-01-06'], ['提供三家屋面防水报价', null]]);
    expect((await get('attachment.list', { ownerType: 'meeting', ownerId: m.joint })).map((a) => a.fileName)).toEqual(['签到表.pdf']);
    const lift = await get('matter.get', { id: m.liftMatter });
    expect(lift.workflow.version).toBe(2);
    expect(lift.steps.filter((s) => s.done).map((s) => [s.key, s.skipped])).toEqual([['suggest', false], ['propose', false], ['joint', false], ['party', true]]);
    expect((await get('workflow.list', {})).map((w) => w.version)).toEqual([2, 1]);
    expect(hits.map((h) => h.id)).toEqual(expect.arrayContaining([m.joint, m.liftMatter]));
  }
  if (r.vote) {
    const v = r.vote;
    const tally = await get('vote.tally', { id: v.id });
    expect(tally).toMatchObject({ status: 'closed', ballots: { returned: v.returned, subjects: v.subjects } });
    expect(tally.items.map((i) => ({ id: i.itemId, passed: i.passed, participants: i.participants, yes: i.yes })))
      .toEqual(v.items.map((i) => ({ ...i, participants: countArea(i.participants), yes: countArea(i.yes) })));
    const detail = await get('vote.get', { id: v.id });
    expect(detail.amendments.map((a) => a.reason)).toEqual(['复核原票：第1项实为反对']);
    expect((await get('vote.list', { communityId })).find((x) => x.id === v.id)!.outcomes.map((o) => o.passed)).toEqual(v.items.map((i) => i.passed));
    // The proxy's authorisation, sealed at the first start, opens to what the clerk typed.
    const subjects = await get('vote.subjects', { voteId: v.id, state: 'returned', limit: 1000 });
    expect(subjects.rows.flatMap((s) => (s.ballot?.proxyDocument ? [s.ballot.proxyDocument] : []))).toEqual([LEGACY_PROXY_DOCUMENT]);
    expect((await get('vote.differences', { id: v.doubleEntryVote })).map((d) => d.problems.length)).toEqual([1]);
    if (r.meetings) expect((await get('matter.get', { id: r.meetings.renewMatter })).steps.find((s) => s.key === 'resolve')).toMatchObject({ done: true, voteId: v.id });
  }
  if (r.books) {
    const b = r.books;
    const books = await get('ledger.books', { communityId });
    expect(books.closedThrough).toBe(b.closedThrough);
    for (const a of books.accounts) expect(a.balance, a.name).toBe(fenToYuan(normalBalance(a.kind, b.debit[a.role] ?? 0)));
    const households = await get('fund.households', { communityId, limit: 1000 });
    expect(households.total).toBe(200);
    expect(new Map(households.rows.filter((h) => h.balance !== '0.00').map((h) => [h.partId, h.balance])))
      .toEqual(new Map([...b.households].filter(([, fen]) => fen !== 0).map(([partId, fen]) => [partId, fenToYuan(fen)])));
    expect((await get('ledger.entries', { communityId })).total).toBe(b.entries);
    // bank = fund + 待查明 + the other liabilities, to the fen; the 待查明 list adds up to its account.
    expect(await get('fund.reconciliation', { communityId, bankBalance: fenToYuan(b.debit['fund-bank']!) })).toMatchObject({ difference: '0.00' });
    const unidentified = await get('fund.unidentified', { communityId });
    expect(unidentified.reduce((s, i) => s + parseYuan(i.remaining)!, 0)).toBe(-b.debit.suspense!);
    // The statement rows: taken over by migration 0008 from the `银行流水:` entries, or imported with their file.
    expect((await get('fund.statementRows', { communityId })).rows.map((x) => x.date)).toEqual(expect.arrayContaining(['2026-01-12', '2026-01-10']));
    const repair = await get('repair.get', { id: b.projectId });
    expect(repair).toMatchObject({ payments: [{ amount: '1180.00', reversed: false }], charge: { total: '1180.00' } });
    const budget = await get('budget.get', { communityId, year: b.budgetYear });
    expect(budget.lines.map((l) => [l.name, l.spent])).toEqual([['办公费', '120.00'], ['会议费', '0.00']]);
    const revenue = await get('revenue.summary', { communityId, from: '2026-02-01', to: '2026-02-28' });
    expect(revenue.byKind.find((k) => k.kind === '停车')).toMatchObject({ income: '3000.00', cost: '200.00' });
  }
  if (r.office) {
    const o = r.office;
    const contracts = await get('contract.list', { communityId });
    expect(contracts.map((c) => c.kind).sort()).toEqual(['业主大会表决选聘', '前期物业']);
    const earlier = contracts.find((c) => c.id !== o.currentContract)!;
    expect((await get('contract.evaluations', { contractId: earlier.id })).map((e) => [e.quarter, e.score])).toEqual([['2025-Q4', '84.2']]);
    expect((await get('issue.list', { communityId })).map((i) => [i.number, i.status]).sort()).toEqual(o.issues.map((i) => [i.number, i.status]));
    const lift = await get('issue.get', { id: o.issues[1]!.id });
    expect(lift.level).toBe('社区');
    expect((await get('attachment.list', { ownerType: 'issue', ownerId: o.issues[0]!.id })).map((a) => a.fileName)).toEqual(['积水照片.pdf']);
    const bodies = await get('body.list', { communityId });
    expect(bodies.map((x) => [x.id, x.members.length])).toEqual([[o.body, 5]]);
    const candidates = await get('candidate.list', { communityId });
    expect(candidates.map((c) => c.checks.filter((x) => x.passed === true).length).sort()).toEqual([1, 4]);
    expect((await get('mediation.list', { communityId })).map((x) => [x.id, x.outcome])).toEqual([[o.mediation, '调解成功']]);
  }
}

// The seed at the newest schema: each table a future migration finds must hold rows too, so a table added without
// seed rows in tests/fixtures/legacy-records.ts fails here at once, not only when the migration after it comes.
describe('the records of the newest schema', () => {
  it('fill every table, keep the books and tallies sound, and read back', async () => {
    const latest = knownSchemaVersion(MIGRATIONS_DIR);
    const dir = tempDir();
    const file = path.join(dir, 'sanfang.sqlite');
    const db = await openDatabase(file, MIGRATIONS_DIR, path.join(dir, 'backups'));
    writeLegacyRoster(db.sqlite, '升级小区', generateRoster({ parts: 200, seed: 11 }));
    const communityId = db.sqlite.prepare('select id from communities').pluck().get() as string;
    const records = writeLegacyRecords(db.sqlite, file, communityId);
    // (The roster's search cache holds plaintext until the app seals it at its first start.)
    expect(ledgerProblems(db.sqlite)).toEqual([]);
    expect(voteTallyMismatches(db.sqlite)).toEqual([]);
    db.sqlite.close();
    expectEveryTableSeeded(tableContents(file), latest);

    const app = await testApp(dir);
    const { session } = await call(app, 'auth.login', LEGACY_ADMIN);
    await readBack(app, session, communityId, records);
    const sealed = new Database(file, { readonly: true });
    expect(partCacheMismatches(sealed)).toEqual([]);
    sealed.close();
    // From migration 0008 on, a statement's rows are imported with their file, and interest is shared from 待分配增值收益.
    const rows = (await call(app, 'fund.statementRows', { communityId }, session)).rows;
    expect(rows.map((r) => [r.date, r.class, r.fileName, r.position])).toEqual([
      ['2026-01-31', 'interest', '2026年1月流水.csv', 4], ['2026-01-12', 'unidentified', '2026年1月流水.csv', 3], ['2026-01-10', 'deposit', '2026年1月流水.csv', 2],
    ]);
  });
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

