/**
 * The office's reads through drizzle's query builder (issue 14's data-access principle, README "Reading and
 * writing the database"), each beside the same rows read by a bare prepared statement: a busy office's issue
 * ledger — 5,000 issues of one community with 25,000 events — listed, opened and counted, and the contracts of
 * 50 communities listed. The app's figure includes what the screen gets besides the rows (overdue flags, the
 * contracts' statutory dates, each community's rules); the baseline is only the rows, by prepared statements made
 * once. Small reads are timed a hundred at a time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../main/db/connection';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import type { ServiceContext } from '../../main/services/context';
import { getIssue, issueStatistics, listIssues } from '../../main/services/office/issues';
import { listCompanies, listContracts } from '../../main/services/office/service-contracts';
import { requireDataKeys } from '../../main/security/data-key';

type Report = (name: string, app: number, baseline: number, target: string) => void;

const ISSUES = 5_000;
const COMMUNITIES = 50;
const CATEGORIES = ['停车', '电梯', '环境卫生', '设施维修', '物业服务', '邻里纠纷'];
const NOW = '2026-06-30T12:00';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median milliseconds of `runs` calls of each, alternated so that both see the same cache. */
function timeBoth(runs: number, app: () => unknown, raw: () => unknown): [number, number] {
  const a: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    app();
    a.push(performance.now() - t);
    t = performance.now();
    raw();
    r.push(performance.now() - t);
  }
  return [median(a), median(r)];
}

/** The rows, written directly (a fixture, not the services: 5,000 audited writes would time the disk). */
function seed(ctx: ServiceContext): string {
  const { sqlite } = ctx;
  const t = '2026-01-01T00:00:00.000Z';
  sqlite.transaction(() => {
    const community = sqlite.prepare("insert into communities (id, name, created_at, updated_at) values (?, ?, ?, ?)");
    const company = sqlite.prepare('insert into companies (id, name, credit_code, created_at, updated_at) values (?, ?, ?, ?, ?)');
    const contract = sqlite.prepare(`insert into service_contracts (id, community_id, company_id, kind, start_date, end_date, created_at, updated_at)
      values (?, ?, ?, '招投标选聘', ?, ?, ?, ?)`);
    for (let c = 0; c < COMMUNITIES; c++) {
      community.run(`c${c}`, `基准小区${String(c).padStart(2, '0')}`, t, t);
      company.run(`k${c}`, `基准物业${c}`, `9111000000000${String(c).padStart(4, '0')}X`, t, t);
      for (let y = 0; y < 3; y++) contract.run(`s${c}-${y}`, `c${c}`, `k${c}`, `${2020 + 3 * y}-01-01`, `${2022 + 3 * y}-12-31`, t, t);
    }
    const issue = sqlite.prepare(`insert into issues (id, community_id, number, title, reported_at, source, category, place, plan_due_at, status, level,
      responsible_party, planned_at, closed_at, created_at, updated_at) values (?, 'c0', ?, ?, ?, '来访', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const event = sqlite.prepare('insert into issue_events (id, issue_id, at, kind, from_value, to_value, author) values (?, ?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < ISSUES; i++) {
      const day = `2026-${String(1 + (i % 6)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const reported = `${day}T09:00`;
      const closed = i % 3 !== 0;
      issue.run(`i${i}`, i + 1, `问题${i + 1}`, reported, CATEGORIES[i % CATEGORIES.length], `${1 + (i % 40)}幢`, `${day}T23:00`,
        closed ? '已办结' : '处理中', i % 7 === 0 ? '小区' : '楼栋', '物业', `${day}T15:00`, closed ? `${day}T18:00` : null, t, t);
      event.run(`e${i}a`, `i${i}`, reported, 'created', null, '登记', 'bench');
      event.run(`e${i}b`, `i${i}`, `${day}T10:00`, 'dispatch', null, '物业', 'bench');
      event.run(`e${i}c`, `i${i}`, `${day}T10:00`, 'status', '登记', '已派单', 'bench');
      event.run(`e${i}d`, `i${i}`, `${day}T15:00`, 'plan', null, null, 'bench');
      if (i % 7 === 0) event.run(`e${i}e`, `i${i}`, `${day}T16:00`, 'escalate', '楼栋', '小区', 'bench');
      else event.run(`e${i}e`, `i${i}`, `${day}T15:00`, 'status', '已派单', '处理中', 'bench');
    }
  })();
  return 'c0';
}

export async function benchOffice(report: Report): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-office-'));
  const file = path.join(dir, 'sanfang.sqlite');
  const opened = await openDatabase(file, MIGRATIONS_DIR, path.join(dir, 'backups'));
  const ctx: ServiceContext = { ...opened, dataDir: dir, backupDir: path.join(dir, 'backups'), migrationsDir: MIGRATIONS_DIR, keys: requireDataKeys(opened.sqlite, file) };
  const communityId = seed(ctx);
  const { sqlite } = ctx;

  const rawIssues = sqlite.prepare('select * from issues where community_id = ? order by number desc');
  const rawEvents = sqlite.prepare('select e.* from issue_events e join issues i on i.id = e.issue_id where i.community_id = ? order by e.at, e.rowid');
  const listed = listIssues(ctx, { communityId, text: '', overdueOnly: false }, NOW).length;
  const [list, listRaw] = timeBoth(15, () => listIssues(ctx, { communityId, text: '', overdueOnly: false }, NOW),
    () => [rawIssues.all(communityId), rawEvents.all(communityId)]);
  report(`issue.list, ${listed} issues with their events (median of 15)`, list, listRaw, 'reported');

  const [stats, statsRaw] = timeBoth(15, () => issueStatistics(ctx, { communityId, from: '2026-01-01', to: '2026-06-30' }, NOW),
    () => [rawIssues.all(communityId), rawEvents.all(communityId)]);
  report(`issue.stats over ${ISSUES} issues (median of 15)`, stats, statsRaw, 'reported');

  const rawIssue = sqlite.prepare('select * from issues where id = ?');
  const rawIssueEvents = sqlite.prepare('select * from issue_events where issue_id = ? order by at, rowid');
  const hundred = (f: () => unknown) => () => { for (let i = 0; i < 100; i++) f(); };
  const [one, oneRaw] = timeBoth(15, hundred(() => getIssue(ctx, 'i2500', NOW)), hundred(() => [rawIssue.get('i2500'), rawIssueEvents.all('i2500')]));
  report('100 × issue.get, an issue and its events (median of 15)', one, oneRaw, 'reported');

  const rawContracts = sqlite.prepare(`select s.*, c.name as company_name, c.credit_code, m.name as community_name, v.title as vote_title
    from service_contracts s join companies c on c.id = s.company_id join communities m on m.id = s.community_id
    left join votes v on v.id = s.vote_id order by m.name, s.start_date desc`);
  const [contracts, contractsRaw] = timeBoth(15, () => listContracts(ctx, undefined, '2026-06-30'), () => rawContracts.all());
  report(`contract.list, ${COMMUNITIES * 3} contracts of ${COMMUNITIES} communities (median of 15)`, contracts, contractsRaw, 'reported');

  const rawCompanies = sqlite.prepare(`select c.id, c.name, c.credit_code, c.contact, c.phone,
    (select count(*) from service_contracts s where s.company_id = c.id) as contracts from companies c
    where c.name like ? or c.credit_code like ? order by c.name`);
  const [companies, companiesRaw] = timeBoth(15, hundred(() => listCompanies(ctx, '')), hundred(() => rawCompanies.all('%%', '%%')));
  report(`100 × company.list, ${COMMUNITIES} companies (median of 15)`, companies, companiesRaw, 'reported');

  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
