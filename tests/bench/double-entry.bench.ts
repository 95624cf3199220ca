/**
 * Issue 15's settlement list on a 20,000-subject vote with double entry: the first pass complete, the
 * second nine tenths done with one in a hundred differing. The settlement list (counts and one page of a
 * filter) and a second-pass save (which answers with the count still differing) against a raw baseline:
 * the three tables the comparison reads, read bare.
 */
import { performance } from 'node:perf_hooks';
import type { ServiceContext } from '../../main/services/context';
import { recordCheck, settlement } from '../../main/services/votes/double-entry';
import { createVote } from '../../main/services/votes/votes';

type Report = (name: string, app: number, baseline: number, target: string) => void;
const actor = { author: 'bench', userId: null };

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function benchDoubleEntry(ctx: ServiceContext, communityId: string, report: Report): void {
  const db = ctx.sqlite;
  const vote = createVote(ctx, actor, {
    communityId, meetingId: null, title: '双人录入基准', opens: '2026-01-01', closes: '2026-01-31', settings: { blankRule: 'abstain', invalidParticipates: false }, doubleEntry: true,
    items: [
      { title: '续聘物业服务企业', category: 4, scope: [], matterId: null },
      { title: '筹集维修资金', category: 6, scope: [], matterId: null },
      { title: '使用维修资金更新电梯', category: 5, scope: [], matterId: null },
    ],
  });
  db.transaction(() => {
    db.prepare(`insert into ballots (id, vote_id, subject_id, channel, valid, entered_by, entered_at)
      select 'de' || s.rowid, s.vote_id, s.id, '纸质', 1, 'bench', '2026-01-15T00:00:00Z' from vote_subjects s where s.vote_id = ?`).run(vote.id);
    db.prepare(`insert into ballot_choices (ballot_id, vote_id, item_id, choice, valid, current, area)
      select b.id, b.vote_id, vis.item_id, 'yes', 1, 1, vis.area from ballots b join vote_item_subjects vis on vis.subject_id = b.subject_id where b.vote_id = ?`).run(vote.id);
    // The second pass: nine subjects in ten, every hundredth read as no on the first item.
    db.prepare(`insert into ballot_checks (vote_id, subject_id, valid, invalid_reason, choices, entered_by, entered_at)
      select s.vote_id, s.id, 1, '', json_object(?, case when s.rowid % 100 = 1 then 'no' else 'yes' end, ?, 'yes', ?, 'yes'), 'bench', '2026-01-16T00:00:00Z'
      from vote_subjects s where s.vote_id = ? and s.rowid % 10 != 0`).run(vote.items[0]!.id, vote.items[1]!.id, vote.items[2]!.id, vote.id);
  })();
  const raw = db.prepare(`select (select count(*) from (select b.subject_id, c.item_id, c.choice from ballots b join ballot_choices c on c.ballot_id = b.id
      where b.vote_id = @v and b.superseded_by is null)) + (select count(*) from (select subject_id, choices from ballot_checks where vote_id = @v))
      + (select count(*) from (select id, code, addresses from vote_subjects where vote_id = @v order by code))`);
  const app: number[] = [];
  const bare: number[] = [];
  let counts = '';
  for (let i = 0; i < 7; i++) {
    let s = performance.now();
    const page = settlement(ctx, { id: vote.id, state: i % 2 === 0 ? 'differ' : 'missing', offset: 0, limit: 200 });
    app.push(performance.now() - s);
    counts = JSON.stringify(page.counts);
    s = performance.now();
    raw.get({ v: vote.id });
    bare.push(performance.now() - s);
  }
  console.log(`votes: settlement of ${vote.subjects} subjects — ${counts}`);
  report(`double-entry settlement list (counts + one page) of ${vote.subjects} subjects`, median(app), median(bare), '≤ 300 ms');
  const subjectId = db.prepare('select id from vote_subjects where vote_id = ? order by code limit 1 offset 9').pluck().get(vote.id) as string;
  const save: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    recordCheck(ctx, actor, {
      voteId: vote.id, subjectId, valid: true, invalidReason: '', channel: '纸质', proxyHolder: '', proxyDocument: '', note: '',
      choices: vote.items.map((it) => ({ itemId: it.id, choice: 'yes' as const })),
    });
    save.push(performance.now() - s);
  }
  report('a second-pass save on that vote (answers with the count still differing)', median(save), median(bare), '≤ 300 ms');
}
