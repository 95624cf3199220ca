/**
 * Issue 4's figures: tallying one vote in a database holding 50 closed votes
 * of a 20,000-part community (three items each: a million ballots, three
 * million item choices) beside a bare SQL aggregate over that vote's ballots;
 * importing 20,000 ballots from xlsx through the CLI beside a raw baseline
 * (ExcelJS read + bare insert) in its own process.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../main/db/connection';
import { checkDatabaseFile } from '../../main/db/integrity';
import { isKnownSound, recordSound } from '../../main/db/soundness';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { tallyVote } from '../../main/services/votes/vote-tally';
import type { ServiceContext } from '../../main/services/context';
import { createVote } from '../../main/services/votes/votes';
import { generateRoster, writeRosterXlsx } from '../fixtures/roster-generator';
import { requireDataKeys } from '../../main/security/data-key';
import { benchDoubleEntry } from './double-entry.bench';

type Report = (name: string, app: number, baseline: number, target: string) => void;
const VOTES = 50;
const actor = { author: 'bench', userId: null };

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeProcess(args: string[]): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stdout}\n${r.stderr}`);
  return performance.now() - start;
}

/** Three items of the whole community, so that every ballot carries three choices. */
function newVote(ctx: ServiceContext, communityId: string, title: string) {
  return createVote(ctx, actor, {
    communityId, meetingId: null, title, opens: '2026-01-01', closes: '2026-01-31', settings: { blankRule: 'abstain', invalidParticipates: false }, doubleEntry: false,
    items: [
      { title: '续聘物业服务企业', category: 4, scope: [], matterId: null },
      { title: '筹集维修资金', category: 6, scope: [], matterId: null },
      { title: '使用维修资金更新电梯', category: 5, scope: [], matterId: null },
    ],
  });
}

/** A roster of this many parts has about 20,000 voting subjects (co-owners, several parts per owner, the developer). */
export const PARTS_FOR_20000_SUBJECTS = 23_460;

/**
 * Imports its own community of about 20,000 voting subjects into a fresh data
 * folder under `work`; then the tally among 50 closed votes, and the import
 * of 20,000 ballots, as asked.
 */
export async function benchVotes(work: string, report: Report, sections = { ballotImport: true }): Promise<void> {
  const dataDir = path.join(work, 'votes');
  const roster = path.join(work, 'roster-votes.xlsx');
  await writeRosterXlsx(roster, generateRoster({ parts: PARTS_FOR_20000_SUBJECTS, seed: 11 }));
  timeProcess(['scripts/cli.mjs', '--data-dir', dataDir, 'import-roster', '--community', '表决基准小区', roster]);
  const opened = await openDatabase(path.join(dataDir, 'sanfang.sqlite'), MIGRATIONS_DIR, path.join(dataDir, 'backups'));
  const ctx: ServiceContext = {
    ...opened, dataDir, backupDir: path.join(dataDir, 'backups'), migrationsDir: MIGRATIONS_DIR,
    keys: requireDataKeys(opened.sqlite, path.join(dataDir, 'sanfang.sqlite')),
  };
  const db = opened.sqlite;
  const communityId = db.prepare('select id from communities').pluck().get() as string;

  // The ballot import is measured on the database the tally fills (a million ballots), as in a full run.
  benchTally(ctx, communityId, report);
  benchDoubleEntry(ctx, communityId, report);
  if (sections.ballotImport) await benchBallotImport(ctx, communityId, work, dataDir, report);
  else db.close();
}

/** 50 votes (49 copied in SQL and closed), every subject with a ballot in each; one vote's tally against a bare aggregate. */
function benchTally(ctx: ServiceContext, communityId: string, report: Report): void {
  const db = ctx.sqlite;
  let t = performance.now();
  const first = newVote(ctx, communityId, '基准表决1');
  console.log(`votes: created a vote of ${first.subjects} subjects (electorate frozen) in ${(performance.now() - t).toFixed(0)} ms`);

  // 49 more votes copied in SQL, then every subject returns a ballot in each (5 % invalid).
  t = performance.now();
  db.transaction(() => {
    for (let n = 2; n <= VOTES; n++) {
      const sfx = `-${n}`;
      db.prepare(`insert into votes (id, community_id, meeting_id, title, opens, closes, status, blank_rule, invalid_participates, count_parking, double_entry,
          frozen_at, freeze_reason, closed_at, closed_by, posted_date, created_at, updated_at)
        select id || ?, community_id, meeting_id, '基准表决' || ?, opens, closes, 'closed', blank_rule, invalid_participates,
          count_parking, double_entry, frozen_at, freeze_reason, closed_at, closed_by, posted_date, created_at, updated_at from votes where id = ?`).run(sfx, n, first.id);
      db.prepare(`insert into vote_items (id, vote_id, position, title, category, category_name, threshold, scope, scope_label, matter_id,
          electorate_count, electorate_area, breakdown, passed)
        select id || ?, vote_id || ?, position, title, category, category_name, threshold, scope, scope_label, matter_id, electorate_count, electorate_area,
          breakdown, passed from vote_items where vote_id = ?`).run(sfx, sfx, first.id);
      db.prepare(`insert into vote_subjects (id, vote_id, code, subject_key, kind, label, addresses, area)
        select id || ?, vote_id || ?, code, subject_key, kind, label, addresses, area from vote_subjects where vote_id = ?`).run(sfx, sfx, first.id);
      db.prepare(`insert into vote_item_subjects (item_id, subject_id, area) select vis.item_id || ?, vis.subject_id || ?, vis.area from vote_item_subjects vis
        join vote_items i on i.id = vis.item_id where i.vote_id = ?`).run(sfx, sfx, first.id);
    }
    db.prepare(`insert into ballots (id, vote_id, subject_id, channel, valid, entered_by, entered_at)
      select 'b' || s.rowid, s.vote_id, s.id, '纸质', (abs(random()) % 20) != 0, 'bench', '2026-01-15T00:00:00Z' from vote_subjects s
      where s.vote_id like ? || '-%'`).run(first.id);
    db.prepare(`insert into ballot_choices (ballot_id, vote_id, item_id, choice, valid, current, area)
      select b.id, b.vote_id, vis.item_id, case abs(random()) % 4 when 0 then 'no' when 1 then 'abstain' else 'yes' end, b.valid, 1, vis.area
      from ballots b join vote_item_subjects vis on vis.subject_id = b.subject_id where b.vote_id like ? || '-%'`).run(first.id);
  })();
  db.exec('analyze');
  const counts = db.prepare('select (select count(*) from ballots) as ballots, (select count(*) from ballot_choices) as choices').get() as { ballots: number; choices: number };
  console.log(`votes: ${VOTES - 1} closed votes, ${counts.ballots} ballots, ${counts.choices} item choices written in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const voteId = `${first.id}-25`;
  const bare = db.prepare(`select c.item_id, b.valid, c.choice, count(*), sum(vis.area) from ballots b
    join ballot_choices c on c.ballot_id = b.id join vote_item_subjects vis on vis.item_id = c.item_id and vis.subject_id = b.subject_id
    where b.vote_id = ? and b.superseded_by is null group by c.item_id, b.valid, c.choice`).raw();
  const app: number[] = [];
  const raw: number[] = [];
  let passed = '';
  for (let i = 0; i < 15; i++) {
    let s = performance.now();
    const tally = tallyVote(ctx, voteId);
    app.push(performance.now() - s);
    passed = tally.items.map((it) => `${it.title}: ${it.participants.count} took part, ${it.passed ? 'passed' : 'failed'}`).join('; ');
    s = performance.now();
    bare.all(voteId);
    raw.push(performance.now() - s);
  }
  console.log(`votes: tally of vote 25 — ${passed}`);
  report(`tally one vote of ${first.subjects} subjects × 3 items`, median(app), median(raw), '≤ 30 ms and ≤ 3×');
}

/** Importing 20,000 ballots: three fresh open votes, one CLI import each, beside the raw baseline. */
async function benchBallotImport(ctx: ServiceContext, communityId: string, work: string, dataDir: string, report: Report): Promise<void> {
  const db = ctx.sqlite;
  const targets = [2, 3, 4].map((n) => newVote(ctx, communityId, `导入基准${n}`).id);
  const rows = db.prepare(`select b.name as building, coalesce(e.name, '') as entrance, p.room, s.id as subjectId from vote_subjects s
    join vote_subject_parts vp on vp.subject_id = s.id and vp.part_id = (select min(part_id) from vote_subject_parts x where x.subject_id = s.id)
    join parts p on p.id = vp.part_id join buildings b on b.id = p.building_id left join entrances e on e.id = p.entrance_id
    where s.vote_id = ? order by s.code`).all(targets[0]) as { building: string; entrance: string; room: string }[];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('表决票');
  sheet.addRow(['楼栋', '单元', '房号', '议题1', '议题2', '议题3']);
  const words = ['同意', '同意', '反对', '弃权'];
  rows.forEach((r, i) => sheet.addRow([r.building, r.entrance, r.room, words[i % 4], words[(i + 1) % 4], words[(i + 2) % 4]]));
  const file = path.join(work, 'ballots-20000.xlsx');
  await workbook.xlsx.writeFile(file);
  db.close();

  // Before a writing command the CLI needs a sound file (main/db/soundness.ts): a full quick_check of the
  // million-ballot database when the file changed behind the app's back, a stamp comparison otherwise.
  const dbFile = path.join(dataDir, 'sanfang.sqlite');
  const megabytes = (fs.statSync(dbFile).size / 1024 / 1024).toFixed(0);
  let s = performance.now();
  const check = checkDatabaseFile(dbFile, 'quick');
  const quickMs = performance.now() - s;
  if (!check.ok) throw new Error(`quick_check failed: ${check.problems.join('; ')}`);
  s = performance.now();
  const fd = fs.openSync(dbFile, 'r');
  const buffer = Buffer.alloc(1 << 20);
  while (fs.readSync(fd, buffer, 0, buffer.length, null) > 0);
  fs.closeSync(fd);
  const readMs = performance.now() - s;
  report(`quick_check of the ${megabytes} MB database (raw: reading the file)`, quickMs, readMs, 'reported');
  recordSound(dbFile);
  const ROUNDS = 1000;
  s = performance.now();
  for (let i = 0; i < ROUNDS; i++) if (!isKnownSound(dbFile)) throw new Error('stamp does not match');
  const stampMs = (performance.now() - s) / ROUNDS;
  s = performance.now();
  for (let i = 0; i < ROUNDS; i++) fs.statSync(dbFile);
  const statMs = (performance.now() - s) / ROUNDS;
  report('known sound? the stamp before a write (raw: one stat)', stampMs, statMs, '≪ quick_check');
  console.log(`votes: the stamp compared in ${(stampMs * 1000).toFixed(1)} µs, one stat ${(statMs * 1000).toFixed(1)} µs, quick_check ${(quickMs / 1000).toFixed(2)} s`);

  const appRuns: number[] = [];
  const rawRuns: number[] = [];
  for (const [i, target] of targets.entries()) {
    rawRuns.push(timeProcess(['tests/bench/raw-ballots.mjs', file, path.join(work, `raw-ballots-${i}.sqlite`)]));
    appRuns.push(timeProcess(['scripts/cli.mjs', '--data-dir', dataDir, 'ballots', 'import', '--vote', target, file]));
  }
  report(`import ${rows.length} ballots from xlsx via CLI (median of 3)`, median(appRuns), median(rawRuns), '≤ 2×');
}
