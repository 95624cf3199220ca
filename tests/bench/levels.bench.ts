/**
 * Issue 18's figures: a district of 10 streets × 15 社区 offices × 5 小区 (750 小区, 750 × ~1,000 parts), its
 * packages made, signed, verified and imported by the real exchange (main/services/levels/exchange.ts) through the
 * contract, each figure beside a raw baseline measured in the same run:
 *   a 社区's full first package (time, file size) and its import at the street;
 *   one street's full first package to the district (its 15 社区 packages forwarded) and its import there;
 *   a 社区's incremental package after a day's work (20 issues, 5 meetings, 1 matter step) and what it costs the
 *   street and the district to carry it up;
 *   the district's 汇总 over the 750 小区 (`rollupForScreen` by 社区, `rollup` by type; target ≤ 200 ms).
 *
 * How the data is made: ONE 社区 office's database is built through the contract (5 rosters of 1,000 parts
 * imported by `roster.import`, then bodies, contracts and evaluations, meetings, matters, votes over the whole
 * electorate, issues, some escalated to the street), before it is an office. Its files are copied for each of
 * the 150 社区 offices, and each copy becomes an office of its own by `office.init` (its own name and Ed25519
 * key), registered by its street and registering its street by code. Streets and the district are fresh
 * databases. The copies' 小区 ids are the same in every copy; received records are keyed by their office.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { openApp, type App } from '../../main/app';
import { nowInOffice, todayInOffice } from '../../main/db/clock';
import { openDatabase } from '../../main/db/connection';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { requireDataKeys } from '../../main/security/data-key';
import type { ServiceContext } from '../../main/services/context';
import { rollup, rollupForScreen } from '../../main/services/levels/rollup';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import { creditCodeCheckChar } from '../../shared/domain/credit-code';
import { generateRoster, rosterCsv } from '../fixtures/roster-generator';

type Report = (name: string, app: number, baseline: number, target: string) => void;

const STREETS = 10;
const OFFICES_PER_STREET = 15;
const COMMUNITIES = 5; // 小区 per 社区 office
const PARTS = 1_000; // per 小区
const ISSUES = 100; // per 小区; every 20th escalated to the street
const MEETINGS = 20; // per 小区
const MATTERS = 6; // per 小区
const VOTES = 2; // per 小区
const DISTRICT = '基准区';
const TYPES = ['商品房', '老旧小区', '安置小区', '商品房', '单位宿舍'] as const;
const CATEGORIES = ['停车', '电梯', '环境卫生', '设施维修', '物业服务', '邻里纠纷'] as const;

const streetName = (s: number) => `第${s + 1}街道`;
const officeName = (s: number, k: number) => `第${s + 1}街道第${k + 1}社区`;
const creditCode = (body17: string) => `${body17}${creditCodeCheckChar(body17)}`;
const ms = (t: number) => performance.now() - t;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
/** A package's records counted by kind, for the output. */
const kindsOf = (text: string) => Object.entries((JSON.parse(text) as { records: { kind: string }[] }).records
  .reduce<Record<string, number>>((m, r) => ({ ...m, [r.kind]: (m[r.kind] ?? 0) + 1 }), {})).map(([k, n]) => `${k} ${n}`).join(', ');

function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))]!;
}
const median = (values: readonly number[]) => quantile(values, 0.5);

async function call<M extends MethodName>(app: App, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const response = await app.handle({ method, input });
  if (!response.ok) throw new Error(`${method}: ${response.error.message}`);
  return response.result as MethodOutput<M>;
}

const openOffice = (dataDir: string) => openApp({ dataDir, migrationsDir: MIGRATIONS_DIR, fixedAuthor: 'CLI:bench', trustedCaller: true });

/** A file size beside its baseline, in the report's layout. */
function reportSize(name: string, bytes: number, baseline: number, what: string) {
  console.log(`${name.padEnd(44)} app ${kb(bytes).padStart(11)}   raw ${kb(baseline).padStart(11)}   ratio ${(bytes / baseline).toFixed(2).padStart(5)}×   (raw: ${what})`);
}

/** The one 社区 office's database, not yet an office, through the contract. */
async function buildTemplate(dir: string): Promise<{ parts: number; calls: number }> {
  const app = await openOffice(dir);
  let parts = 0;
  let calls = 0;
  const c = async <M extends MethodName>(method: M, input: MethodInput<M>) => {
    calls += 1;
    return call(app, method, input);
  };
  for (let n = 0; n < COMMUNITIES; n++) {
    const name = `基准${n + 1}苑`;
    const csv = Buffer.from(rosterCsv(generateRoster({ parts: PARTS, seed: 31 + n })), 'utf8').toString('base64');
    const imported = await c('roster.import', {
      file: { fileName: `${name}.csv`, base64: csv },
      community: { name, type: TYPES[n], streetOffice: '基准街道', communityOffice: '基准社区', settings: { officeRules: { partyMembers: 3 + n } } },
    });
    parts += imported.summary.parts;
    const communityId = imported.communityId;
    const members = [{ name: '赵一', role: '主任' as const }, { name: '钱二', role: '委员' as const }, { name: '孙三', role: '委员' as const }, { name: '李四', role: '委员' as const }, { name: '周五', role: '委员' as const }];
    if (n !== 2) await c('body.create', { communityId, kind: '业主委员会', electedOn: n === 3 ? '2021-06-01' : '2024-03-01', termYears: 5, members });
    if (n % 2 === 0) await c('body.create', { communityId, kind: '党支部', electedOn: '2024-03-01', termYears: 5, members: [{ name: '吴六', role: '书记' as const }] });
    if (n !== 4) {
      const contract = await c('contract.create', {
        communityId, company: { name: `基准${n + 1}物业公司`, creditCode: creditCode(`91330100MA01BEN1${n}`) }, kind: '前期物业',
        startDate: '2024-01-01', endDate: n === 0 ? '2027-01-31' : '2028-12-31',
      });
      for (const quarter of ['2026-Q2', '2026-Q3']) {
        await c('contract.evaluate', {
          contractId: contract.id, quarter, scores: { cleaning: 90, security: 85, greening: 80, repairs: 70 + n, service: 96 },
          satisfied: 187, surveyed: 200, feesDue: '100000', feesCollected: '93456.78',
        });
      }
    }
    const meetingIds: string[] = [];
    for (let i = 0; i < MEETINGS; i++) {
      const date = `2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(3 + (i % 25)).padStart(2, '0')}`;
      meetingIds.push((await c('meeting.create', { communityId, kind: '联席会议', title: `${name}第${i + 1}次联席会议`, date, agenda: [{ title: '议题' }] })).id);
    }
    for (let i = 0; i < MATTERS; i++) {
      const matter = await c('matter.create', {
        communityId, title: `${name}事项${i + 1}`, category: '使用建筑物及其附属设施的维修资金', description: '加装电梯',
        raisedBy: `${i + 1}幢业主代表`, raisedOn: `2026-${String(5 + i).padStart(2, '0')}-10`,
      });
      if (i % 2 === 0) await c('matter.advance', { id: matter.id, key: 'propose', date: `2026-${String(5 + i).padStart(2, '0')}-20` });
    }
    for (let i = 0; i < VOTES; i++) {
      await c('vote.create', {
        communityId, title: `${name}表决${i + 1}`, opens: `2026-${String(8 + i).padStart(2, '0')}-01`, closes: `2026-${String(8 + i).padStart(2, '0')}-20`,
        items: [{ title: '续聘物业服务企业', category: 4 }, { title: '使用维修资金', category: 5 }],
      });
    }
    for (let i = 0; i < ISSUES; i++) {
      const day = `2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const issue = await c('issue.create', {
        communityId, title: `${name}问题${i + 1}`, reportedAt: `${day}T09:00`, reporter: '张三丰', category: CATEGORIES[i % CATEGORIES.length]!,
        place: `${1 + (i % 20)}幢`, description: '业主来访反映，需要协调处理。',
      });
      if (i % 20 === 0) {
        for (const unit of ['小区议事会', '社区居委会', '街道城管科']) {
          await c('issue.escalate', { id: issue.id, reason: '本级无法解决', responsibleUnit: unit, responsiblePerson: '刘科长' });
        }
      } else if (i % 4 === 0) {
        await c('issue.dispatch', { id: issue.id, responsibleParty: '物业', responsiblePerson: '刘工', at: `${day}T17:00` });
      }
    }
  }
  app.close();
  return { parts, calls };
}

function copyTemplate(from: string, to: string) {
  fs.mkdirSync(to, { recursive: true });
  for (const f of fs.readdirSync(from)) {
    if (f.startsWith('sanfang.sqlite')) fs.copyFileSync(path.join(from, f), path.join(to, f));
  }
}

/** Bare reads of the rows a 社区's package is made from, and their JSON: what any export must at least do. */
function rawExport(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    const t = performance.now();
    const rows = [
      'select * from communities', 'select community_id, count(*), sum(area) from parts group by community_id', 'select * from account_balances',
      'select * from community_bodies', 'select * from service_contracts', 'select * from contract_evaluations',
      'select * from meetings', 'select meeting_id, count(*), sum(present) from attendees group by meeting_id',
      'select * from matters', 'select * from matter_steps', 'select * from votes', 'select * from vote_items', 'select * from vote_tally',
      'select * from issues', "select e.* from issue_events e join issues i on i.id = e.issue_id where i.level = '街道'",
    ].map((q) => db.prepare(q).all());
    JSON.stringify(rows);
    return ms(t);
  } finally {
    db.close();
  }
}

/** The bare import: the file parsed and the same number of records inserted in one transaction. */
class RawImport {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private n = 0;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = wal');
    this.db.pragma('synchronous = full');
    this.db.exec(`create table records (office text not null, kind text not null, record_id text not null, community_id text, body text not null,
      sequence integer not null, received_at text not null, primary key (office, kind, record_id))`);
    this.insert = this.db.prepare('insert or replace into records values (?, ?, ?, ?, ?, ?, ?)');
  }

  /** A 社区's package (or a street's, with its forwarded packages' records); milliseconds. */
  run(text: string): number {
    const t = performance.now();
    const prefix = `p${this.n++}:`;
    const outer = JSON.parse(text) as { sequence: number; records: { kind: string; id: string; communityId: string | null; body: unknown }[] };
    const records = outer.records.flatMap((r) => (r.kind === 'forwarded'
      ? (JSON.parse((r.body as { text: string }).text) as typeof outer).records.map((x) => ({ ...x, office: `${prefix}${r.id}` }))
      : [{ ...r, office: prefix }]));
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const r of records) this.insert.run(r.office, r.kind, r.id, r.communityId, JSON.stringify(r.body), outer.sequence, now);
    })();
    return ms(t);
  }

  close() {
    this.db.close();
  }
}

export async function benchLevels(work: string, report: Report): Promise<void> {
  const root = path.join(work, 'levels');
  const template = path.join(root, 'template');
  let t = performance.now();
  const built = await buildTemplate(template);
  const templateBytes = fs.statSync(path.join(template, 'sanfang.sqlite')).size;
  console.log(`levels: one 社区 database built through the contract in ${(ms(t) / 1000).toFixed(1)} s (${built.calls} calls): ${COMMUNITIES} 小区, ${built.parts} parts, `
    + `${COMMUNITIES * MEETINGS} meetings, ${COMMUNITIES * MATTERS} matters, ${COMMUNITIES * VOTES} votes, ${COMMUNITIES * ISSUES} issues (${COMMUNITIES * ISSUES / 20} escalated), ${(templateBytes / 1024 / 1024).toFixed(1)} MB`);
  const raw = new RawImport(path.join(root, 'raw-import.sqlite'));

  // The district and its streets: fresh databases, registered both ways by code.
  const district = await openOffice(path.join(root, 'district'));
  const districtCode = (await call(district, 'office.init', { name: DISTRICT, level: '区', above: null })).code;
  const streets: App[] = [];
  for (let s = 0; s < STREETS; s++) {
    const app = await openOffice(path.join(root, `street-${s + 1}`));
    const { code } = await call(app, 'office.init', { name: streetName(s), level: '街道', above: DISTRICT });
    await call(app, 'office.register', { name: DISTRICT, level: '区', code: districtCode });
    await call(district, 'office.register', { name: streetName(s), level: '街道', code });
    streets.push(app);
  }

  // Each 社区 office: a copy of the one database, made an office, its full first package to its street.
  t = performance.now();
  const exportMs: number[] = [];
  const exportRaw: number[] = [];
  const importMs: number[] = [];
  const importRaw: number[] = [];
  let first: { app: App; dir: string; name: string; records: number; text: string } | null = null;
  for (let s = 0; s < STREETS; s++) {
    for (let k = 0; k < OFFICES_PER_STREET; k++) {
      const dir = path.join(root, `office-${s + 1}-${k + 1}`);
      copyTemplate(template, dir);
      const app = await openOffice(dir);
      const name = officeName(s, k);
      const { code } = await call(app, 'office.init', { name, level: '社区', above: streetName(s) });
      await call(app, 'office.register', { name: streetName(s), level: '街道', code: (await call(streets[s]!, 'office.overview', {})).self!.code });
      await call(streets[s]!, 'office.register', { name, level: '社区', code });
      let t1 = performance.now();
      const pkg = await call(app, 'exchange.export', { to: streetName(s) });
      exportMs.push(ms(t1));
      exportRaw.push(rawExport(path.join(dir, 'sanfang.sqlite')));
      t1 = performance.now();
      const imported = await call(streets[s]!, 'exchange.import', { text: pkg.text });
      importMs.push(ms(t1));
      if (imported.records !== pkg.records) throw new Error(`${name}: ${pkg.records} records sent, ${imported.records} imported`);
      importRaw.push(raw.run(pkg.text));
      if (first === null) first = { app, dir, name, records: pkg.records, text: pkg.text };
      else {
        app.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const offices = STREETS * OFFICES_PER_STREET;
  console.log(`levels: ${offices} 社区 offices (${offices * COMMUNITIES} 小区, ~${((offices * built.parts) / 1000).toFixed(0)}k parts) made, exported and imported at their streets in ${(ms(t) / 1000).toFixed(1)} s`);
  const one = first!;
  console.log(`levels: a 社区's full first package: ${one.records} records (${kindsOf(one.text)}), ${kb(Buffer.byteLength(one.text))}`);
  report(`社区 full package export (median of ${offices})`, median(exportMs), median(exportRaw), 'reported (raw: bare SELECT of the same tables + JSON)');
  report(`社区 full package export (p95 of ${offices})`, quantile(exportMs, 0.95), quantile(exportRaw, 0.95), 'reported');
  reportSize('社区 full package file size', Buffer.byteLength(one.text), zlib.gzipSync(one.text).length, 'the same file gzipped');
  report(`社区 package import at the street (median of ${offices})`, median(importMs), median(importRaw), 'reported (raw: JSON.parse + the same rows inserted in one transaction)');

  // Each street's full first package to the district: its 15 社区 offices and their packages, forwarded.
  const streetMs: number[] = [];
  const streetRaw: number[] = [];
  const districtMs: number[] = [];
  const districtRaw: number[] = [];
  let streetOne = { bytes: 0, gzip: 0, records: 0, imported: 0 };
  for (let s = 0; s < STREETS; s++) {
    let t1 = performance.now();
    const pkg = await call(streets[s]!, 'exchange.export', { to: DISTRICT });
    streetMs.push(ms(t1));
    const db = new Database(path.join(root, `street-${s + 1}`, 'sanfang.sqlite'), { readonly: true });
    t1 = performance.now();
    JSON.stringify(db.prepare('select * from offices').all().concat(db.prepare('select * from received_packages order by office_id, sequence').all()));
    streetRaw.push(ms(t1));
    db.close();
    t1 = performance.now();
    const imported = await call(district, 'exchange.import', { text: pkg.text });
    districtMs.push(ms(t1));
    districtRaw.push(raw.run(pkg.text));
    if (s === 0) streetOne = { bytes: Buffer.byteLength(pkg.text), gzip: zlib.gzipSync(pkg.text).length, records: pkg.records, imported: imported.records };
  }
  console.log(`levels: a street's full first package: ${streetOne.records} records (${OFFICES_PER_STREET} offices + ${OFFICES_PER_STREET} forwarded packages), `
    + `${streetOne.imported} records taken at the district, ${kb(streetOne.bytes)}`);
  report('street full package export (street 1)', streetMs[0]!, streetRaw[0]!, 'reported (raw: bare SELECT of offices + received packages + JSON)');
  report(`street full package export (median of ${STREETS})`, median(streetMs), median(streetRaw), 'reported');
  reportSize('street full package file size', streetOne.bytes, streetOne.gzip, 'the same file gzipped');
  report('street package import at the district (street 1)', districtMs[0]!, districtRaw[0]!, `reported (raw: JSON.parse of it and its ${OFFICES_PER_STREET} packages + rows inserted)`);
  report(`street package import at the district (median of ${STREETS})`, median(districtMs), median(districtRaw), 'reported');

  // A day's work at one 社区 office, after the street's package acknowledged its first; then its next package.
  const street = streets[0]!;
  await call(one.app, 'exchange.import', { text: (await call(street, 'exchange.export', { to: one.name })).text });
  await call(street, 'exchange.import', { text: (await call(district, 'exchange.export', { to: streetName(0) })).text });
  const communityIds = (await call(one.app, 'community.list', {})).map((c) => c.id);
  const today = todayInOffice();
  for (let i = 0; i < 20; i++) {
    await call(one.app, 'issue.create', { communityId: communityIds[i % COMMUNITIES]!, title: `今日问题${i + 1}`, reportedAt: nowInOffice(), category: CATEGORIES[i % CATEGORIES.length]! });
  }
  for (let i = 0; i < 5; i++) await call(one.app, 'meeting.create', { communityId: communityIds[i]!, kind: '联席会议', title: `今日联席会议${i + 1}`, date: today });
  const matter = (await call(one.app, 'matter.list', { communityId: communityIds[0]! })).find((m) => m.position.currentKey === 'propose')!;
  await call(one.app, 'matter.advance', { id: matter.id, key: 'propose', date: today });
  let t1 = performance.now();
  const incremental = await call(one.app, 'exchange.export', { to: streetName(0) });
  const incrementalMs = ms(t1);
  const incrementalRaw = rawExport(path.join(one.dir, 'sanfang.sqlite'));
  t1 = performance.now();
  await call(street, 'exchange.import', { text: incremental.text });
  const incrementalImport = ms(t1);
  const incrementalImportRaw = raw.run(incremental.text);
  console.log(`levels: after a day's work (20 issues, 5 meetings, 1 matter step) the 社区's next package: ${incremental.records} records `
    + `(${kindsOf(incremental.text)}), ${kb(Buffer.byteLength(incremental.text))}`);
  report('社区 incremental package export', incrementalMs, incrementalRaw, 'reported (raw: bare SELECT of every row it compares + JSON)');
  reportSize('社区 incremental package file size', Buffer.byteLength(incremental.text), Buffer.byteLength(one.text), 'the full first package');
  report('社区 incremental package import at the street', incrementalImport, incrementalImportRaw, 'reported (raw: JSON.parse + rows inserted)');
  t1 = performance.now();
  const streetNext = await call(street, 'exchange.export', { to: DISTRICT });
  const streetNextMs = ms(t1);
  t1 = performance.now();
  await call(district, 'exchange.import', { text: streetNext.text });
  const streetNextImport = ms(t1);
  console.log(`levels: the street's next package carrying it up: ${streetNext.records} records, ${kb(Buffer.byteLength(streetNext.text))}; `
    + `export ${streetNextMs.toFixed(1)} ms, import at the district ${streetNextImport.toFixed(1)} ms (raw import ${raw.run(streetNext.text).toFixed(1)} ms)`);
  one.app.close();
  for (const app of streets) app.close();

  // The district's 汇总 over the 750 小区, in process on its database, beside the bare read and parse of the facts.
  const districtFile = path.join(root, 'district', 'sanfang.sqlite');
  const opened = await openDatabase(districtFile, MIGRATIONS_DIR, path.join(root, 'district', 'backups'));
  const ctx: ServiceContext = { ...opened, dataDir: path.join(root, 'district'), backupDir: path.join(root, 'district', 'backups'), migrationsDir: MIGRATIONS_DIR, keys: requireDataKeys(opened.sqlite, districtFile) };
  // The bare reads: the 小区 facts (what `rollup` reads), and with them the contracts and matters (what the screen adds).
  const bare = (kinds: string) => {
    const statement = opened.sqlite.prepare(`select body from received_records where kind in (${kinds})`).pluck();
    return () => (statement.all() as string[]).map((b) => JSON.parse(b) as unknown).length;
  };
  const rawFacts = bare("'community'");
  // The screen's raw side: the facts parsed, and the contracts due and matters stalled counted per 小区 in SQL, as it does.
  const countDue = opened.sqlite.prepare(`select office_id, community_id, count(*) from received_records where kind = 'contract'
    and json_extract(body, '$.endDate') between ? and ? group by office_id, community_id`);
  const countStalled = opened.sqlite.prepare(`select office_id, community_id, count(*) from received_records where kind = 'matter'
    and json_extract(body, '$.done') = 0 and json_extract(body, '$.overdue') = 1 group by office_id, community_id`);
  const rawScreen = () => rawFacts() + countDue.all('2000-01-01', '2999-12-31').length + countStalled.all().length;
  const bareScreen = bare("'community', 'contract', 'matter'");
  const screen = rollupForScreen(ctx, '社区');
  console.log(`levels: the district's 汇总: ${screen.rows.length} 社区 rows, ${screen.total.communities} 小区 (${rawFacts()} facts records; ${bareScreen()} with contracts and matters), `
    + `${screen.total.committeesFormed} committees, ${screen.total.issuesOpen} open issues, ${screen.rows.reduce((n, r) => n + r.contractsDue, 0)} contracts due, `
    + `${screen.rows.reduce((n, r) => n + r.mattersStalled, 0)} matters stalled`);
  const RUNS = 30;
  const held = screen.total.communities;
  /** Each side timed RUNS times, alternated, after one warm-up call of each. */
  const timeBoth = (app: () => unknown, raw: () => unknown): [number[], number[]] => {
    const a: number[] = [];
    const r: number[] = [];
    app();
    raw();
    for (let i = 0; i < RUNS; i++) {
      let t2 = performance.now();
      app();
      a.push(ms(t2));
      t2 = performance.now();
      raw();
      r.push(ms(t2));
    }
    return [a, r];
  };
  const [byOffice, byOfficeRaw] = timeBoth(() => rollupForScreen(ctx, '社区'), rawScreen);
  report(`rollupForScreen by 社区, ${held} 小区 (p50 of ${RUNS})`, median(byOffice), median(byOfficeRaw), '≤ 200 ms (raw: select the facts + JSON.parse, contracts due and matters stalled counted per 小区 in SQL)');
  report(`rollupForScreen by 社区, ${held} 小区 (p95 of ${RUNS})`, quantile(byOffice, 0.95), quantile(byOfficeRaw, 0.95), '≤ 200 ms');
  const [byType, byTypeRaw] = timeBoth(() => rollup(ctx, '类型'), rawFacts);
  report(`rollup by 类型, ${held} 小区 (p50 of ${RUNS})`, median(byType), median(byTypeRaw), '≤ 200 ms (raw: select the facts + JSON.parse)');
  report(`rollup by 类型, ${held} 小区 (p95 of ${RUNS})`, quantile(byType, 0.95), quantile(byTypeRaw, 0.95), '≤ 200 ms');
  const [viaContract, viaContractRaw] = [[] as number[], [] as number[]];
  await call(district, 'rollup.screen', { by: '社区' });
  for (let i = 0; i < RUNS; i++) {
    let t2 = performance.now();
    await call(district, 'rollup.screen', { by: '社区' });
    viaContract.push(ms(t2));
    t2 = performance.now();
    rawScreen();
    viaContractRaw.push(ms(t2));
  }
  report(`rollup.screen through the contract (p50 of ${RUNS})`, median(viaContract), median(viaContractRaw), '≤ 200 ms (raw: as rollupForScreen\'s)');
  report(`rollup.screen through the contract (p95 of ${RUNS})`, quantile(viaContract, 0.95), quantile(viaContractRaw, 0.95), '≤ 200 ms');
  opened.sqlite.close();

  raw.close();
  district.close();
  fs.rmSync(root, { recursive: true, force: true });
}
