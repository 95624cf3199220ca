/**
 * `npm run bench` — the register's figures (issue 2), each beside a raw
 * baseline measured in the same run, and the ratio. Not a test: nothing here
 * fails on time; it prints what it measures.
 *
 * `npm run bench -- SECTION …` runs only those sections (names in SECTIONS);
 * electorate, roster-filter, fund and ledger-filter import the roster first.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../main/db/connection';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { electorateOf } from '../../main/services/register/electorate';
import type { ServiceContext } from '../../main/services/context';
import { generateRoster, writeRosterXlsx } from '../fixtures/roster-generator';
import { benchSearch } from './search.bench';
import { benchVotes } from './votes.bench';
import { benchFund } from './fund.bench';
import { benchFilterRepaint, LEDGER_SCREEN, ROSTER_SCREEN } from './filter-repaint';
import { requireDataKeys } from '../../main/security/data-key';
import { benchRosterMemory } from './files.bench';
import { benchOffice } from './office.bench';
import { benchScreens } from './screens.bench';
import { benchOfficeServer } from './office-server.bench';
import { benchLevels } from './levels.bench';

const SECTIONS = ['roster-import', 'electorate', 'roster-filter', 'search', 'tally', 'ballot-import', 'fund', 'ledger-filter', 'roster-memory', 'office', 'screens', 'office-server', 'levels'] as const;
type Section = (typeof SECTIONS)[number];
const only = process.argv.slice(2);
const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
if (unknown.length > 0) {
  console.error(`unknown bench section: ${unknown.join(' ')}; sections: ${SECTIONS.join(' ')}`);
  process.exit(2);
}
const wanted = (...sections: Section[]) => only.length === 0 || sections.some((s) => only.includes(s));

const PARTS = 20_000;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-bench-'));

function timeProcess(args: string[]): { ms: number; stdout: string } {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stdout}\n${r.stderr}`);
  return { ms, stdout: r.stdout.trim() };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function report(name: string, app: number, baseline: number, target: string) {
  const ratio = app / baseline;
  console.log(`${name.padEnd(44)} app ${app.toFixed(1).padStart(8)} ms   raw ${baseline.toFixed(1).padStart(8)} ms   ratio ${ratio.toFixed(2).padStart(5)}×   target ${target}`);
}

async function main() {
  console.log(`register benchmark — ${PARTS} parts, ${os.cpus().length} cores, node ${process.version}${only.length > 0 ? ` — only ${only.join(' ')}` : ''}`);
  if (wanted('roster-import', 'electorate', 'roster-filter', 'fund', 'ledger-filter', 'screens')) await benchRegister();
  if (wanted('search')) await benchSearch(report);
  // Votes (issue 4): tallying among 50 closed votes, importing 20,000 ballots.
  if (wanted('tally', 'ballot-import')) await benchVotes(work, report, { ballotImport: wanted('ballot-import') });
  if (wanted('fund', 'ledger-filter')) {
    // The treasurer's books (issue 5): a million journal lines over the 20,000 parts of a second import.
    const fundCommunity = await benchFund(path.join(work, 'app-1'), report);
    if (wanted('ledger-filter')) {
      if (fs.existsSync('/usr/bin/chromium')) await benchFilterRepaint(path.join(work, 'app-1'), LEDGER_SCREEN, report, fundCommunity);
      else console.log('ledger filter repaint: skipped (no /usr/bin/chromium)');
    }
  }
  // Files (issue 12): the peak memory of importing a roster and of refusing a million-row file.
  if (wanted('roster-memory')) await benchRosterMemory(work);
  // The office's reads through drizzle's query builder (issue 14): the issue ledger and the contracts.
  if (wanted('office')) await benchOffice(report);
  // The daily screens (issue 15): opening to the login page, page changes and a save, in Chromium on the 20,000 parts.
  if (wanted('screens')) {
    if (fs.existsSync('/usr/bin/chromium')) await benchScreens(path.join(work, 'app-0'), report);
    else console.log('screens: skipped (no /usr/bin/chromium)');
  }
  // The office server (issue 17): ten clients entering 2,000 ballots each at once, beside the same calls in process.
  if (wanted('office-server')) await benchOfficeServer(work, report);
  // Three levels of offices (issue 18): a district's packages signed, verified and imported, and its 汇总 over 750 小区.
  if (wanted('levels')) await benchLevels(work, report);
  fs.rmSync(work, { recursive: true, force: true });
}

/** The roster import (1), the electorate (2) and the roster filter (3), each if wanted. */
async function benchRegister() {
  const file = path.join(work, 'roster-20000.xlsx');
  await writeRosterXlsx(file, generateRoster({ parts: PARTS, seed: 7 }));

  // 1. Import through the CLI, whole process, against the raw baseline in its own process.
  // The CLI bundle is built once beforehand, so that neither side pays a build.
  timeProcess(['scripts/cli.mjs', '--data-dir', path.join(work, 'warm'), 'check']);
  const appRuns: number[] = [];
  const rawRuns: number[] = [];
  let summary = '';
  // The screens alone need one imported community, not the import's three timed runs.
  const runs = wanted('roster-import', 'electorate', 'roster-filter', 'fund', 'ledger-filter') ? 3 : 1;
  for (let i = 0; i < runs; i++) {
    const raw = timeProcess(['tests/bench/raw-import.mjs', file, path.join(work, `raw-${i}.sqlite`)]);
    rawRuns.push(raw.ms);
    const app = timeProcess(['scripts/cli.mjs', '--data-dir', path.join(work, `app-${i}`), 'import-roster', '--community', '基准小区', file]);
    appRuns.push(app.ms);
    summary = app.stdout;
  }
  console.log(`import result: ${summary}`);
  report(`import 20,000-part xlsx via CLI (median of ${runs})`, median(appRuns), median(rawRuns), '≤ 2×');
  if (!wanted('electorate', 'roster-filter')) return;

  // 2. The electorate of the whole community, in process, warm, against a bare SQL aggregate.
  const dataDir = path.join(work, 'app-0');
  const opened = await openDatabase(path.join(dataDir, 'sanfang.sqlite'), MIGRATIONS_DIR, path.join(dataDir, 'backups'));
  const ctx: ServiceContext = {
    ...opened, dataDir, backupDir: path.join(dataDir, 'backups'), migrationsDir: MIGRATIONS_DIR,
    keys: requireDataKeys(opened.sqlite, path.join(dataDir, 'sanfang.sqlite')),
  };
  const communityId = (opened.sqlite.prepare('select id from communities').get() as { id: string }).id;
  const bare = opened.sqlite.prepare(`
    with po as (
      select p.id, p.area, p.delivery_status as status,
             (select group_concat(person_id) from (select person_id from ownerships o
               where o.part_id = p.id and o.end_date is null order by person_id)) as owners
      from parts p where p.community_id = ? and p.type != '车位')
    select count(distinct case when status != '已交付' then 'developer' else coalesce(owners, 'part:' || id) end) as n,
           sum(area) as a from po`);
  const appTimes: number[] = [];
  const sqlTimes: number[] = [];
  let appResult = { count: 0, area: '' };
  let sqlResult = { n: 0, a: 0 };
  for (let i = 0; i < 15; i++) {
    let t = performance.now();
    appResult = electorateOf(ctx, { communityId });
    appTimes.push(performance.now() - t);
    t = performance.now();
    sqlResult = bare.get(communityId) as { n: number; a: number };
    sqlTimes.push(performance.now() - t);
  }
  console.log(`electorate: app N=${appResult.count} A=${appResult.area}; bare SQL N=${sqlResult.n} A=${(sqlResult.a / 100).toFixed(2)}`);
  report('electorate of 20,000 parts (median of 15)', median(appTimes), median(sqlTimes), '≤ 50 ms');
  opened.sqlite.close();

  // 3. Typing a filter into the 20,000-row roster in Chromium.
  if (!wanted('roster-filter')) return;
  if (fs.existsSync('/usr/bin/chromium')) await benchFilterRepaint(dataDir, ROSTER_SCREEN, report);
  else console.log('roster filter repaint: skipped (no /usr/bin/chromium)');
  void Database;
}

await main();
