/**
 * Ballots: recorded once per voting subject (a subject with parts in several
 * places has one ballot); a second one is refused until the user replaces the
 * first with a reason. After closing, a replacement is an amendment that keeps
 * the original and the tally before and after. Tallies are one aggregate over
 * ballot_choices, whose rows carry the subject's in-scope area and validity.
 */
import type { z } from 'zod';
import { AppError } from '../../shared/contract/errors';
import type { ballotFields, voteTally } from '../../shared/contract/votes';
import { formatHundredths } from '../../shared/domain/area';
import {
  legalBasis, percent, tallyItem, type Choice, type CountArea, type ItemCounts, type Threshold,
} from '../../shared/domain/tally';
import { nowIso } from '../db/clock';
import { newId } from '../db/ids';
import { write, type Actor, type ServiceContext } from './context';
import { auditedBallot, sealProxyDocument } from '../security/personal-data';
import { recordOutcomes } from './vote-close';
import { voteRow, voteSettingsOf } from './votes';

type BallotFields = z.output<typeof ballotFields>;
type VoteTally = z.output<typeof voteTally>;

const dec = (n: number) => formatHundredths(n);
const out = (c: CountArea) => ({ count: c.count, area: dec(c.area) });

/** The current choices' totals from the ballot rows themselves: what vote_tally must always equal. */
const AGGREGATE = `select item_id, valid, choice, count(*), sum(area) from ballot_choices
  where vote_id = ? and current = 1 group by item_id, valid, choice`;

/** The totals a tally rests on, from the vote_tally cache the triggers of migration 0004 keep. */
export function tallyCounts(ctx: ServiceContext, voteId: string) {
  const items = ctx.sqlite.prepare(`select id, title, category, category_name as categoryName, threshold, scope_label as scopeLabel,
    electorate_count as count, electorate_area as area from vote_items where vote_id = ? order by position`).all(voteId) as
    { id: string; title: string; category: number; categoryName: string; threshold: Threshold; scopeLabel: string; count: number; area: number }[];
  const rows = ctx.sqlite.prepare(`select t.item_id, t.valid, t.choice, t.count, t.area from vote_tally t join vote_items i on i.id = t.item_id
    where i.vote_id = ? and t.count > 0`).raw().all(voteId) as [string, number, Choice, number, number][];
  const byItem = new Map<string, ItemCounts>(items.map((i) => [i.id, {
    electorate: { count: i.count, area: i.area }, yes: Z, no: Z, abstain: Z, blank: Z, invalid: Z,
  }]));
  for (const [itemId, valid, choice, count, area] of rows) {
    const c = byItem.get(itemId)!;
    const key = valid === 1 ? choice : 'invalid';
    c[key] = { count: c[key].count + count, area: c[key].area + area };
  }
  return { items, byItem };
}
const Z: CountArea = { count: 0, area: 0 };

/** Votes whose vote_tally cache differs from the aggregate of their ballot rows (a program error; `check` reports it). */
export function voteTallyMismatches(sqlite: import('../db/connection').Sqlite): string[] {
  const aggregate = sqlite.prepare(AGGREGATE).raw();
  const cached = sqlite.prepare(`select t.item_id, t.valid, t.choice, t.count, t.area from vote_tally t join vote_items i on i.id = t.item_id
    where i.vote_id = ? and t.count != 0`).raw();
  const key = (r: unknown[]) => JSON.stringify(r);
  return (sqlite.prepare('select id from votes').pluck().all() as string[]).filter((voteId) => {
    const a = new Set((aggregate.all(voteId) as unknown[][]).map(key));
    const c = (cached.all(voteId) as unknown[][]).map(key);
    return a.size !== c.length || c.some((k) => !a.has(k));
  });
}

export function tallyVote(ctx: ServiceContext, voteId: string): VoteTally {
  const row = voteRow(ctx, voteId);
  const settings = voteSettingsOf(row);
  const { items, byItem } = tallyCounts(ctx, voteId);
  const b = ctx.sqlite.prepare('select count(*) as returned, coalesce(sum(valid), 0) as valid from ballots where vote_id = ? and superseded_by is null').get(voteId) as
    { returned: number; valid: number };
  return {
    voteId, status: row.status, settings,
    ballots: { returned: b.returned, valid: b.valid, invalid: b.returned - b.valid, subjects: ctx.sqlite.prepare('select count(*) from vote_subjects where vote_id = ?').pluck().get(voteId) as number },
    items: items.map((i) => {
      const t = tallyItem(byItem.get(i.id)!, i.category, settings, i.threshold);
      return {
        itemId: i.id, title: i.title, category: i.category, categoryName: i.categoryName, scopeLabel: i.scopeLabel,
        threshold: t.threshold, legalBasis: legalBasis(i.category, i.category > 9 ? { number: i.category, name: i.categoryName, threshold: i.threshold } : undefined),
        electorate: out(t.electorate), participants: out(t.participants), yes: out(t.yes), no: out(t.no), abstain: out(t.abstain),
        percents: {
          participationArea: percent(t.participants.area, t.electorate.area), participationCount: percent(t.participants.count, t.electorate.count),
          yesArea: percent(t.yes.area, t.participants.area), yesCount: percent(t.yes.count, t.participants.count),
        },
        participationMet: t.participationMet, approvalMet: t.approvalMet, passed: t.passed, comparisons: t.comparisons,
      };
    }),
  };
}

interface SubjectScope { subjectId: string; items: Map<string, number> }

function subjectScope(ctx: ServiceContext, voteId: string, subjectId: string): SubjectScope {
  const s = ctx.sqlite.prepare('select id from vote_subjects where id = ? and vote_id = ?').get(subjectId, voteId);
  if (!s) throw new AppError('NOT_FOUND', '这次表决中没有这个表决权人');
  const items = new Map((ctx.sqlite.prepare('select item_id, area from vote_item_subjects where subject_id = ?').raw().all(subjectId) as [string, number][]));
  return { subjectId, items };
}

/** Choices for every in-scope item (missing ones blank); a choice outside the subject's scope is an error. */
function normalizedChoices(ctx: ServiceContext, voteId: string, scope: SubjectScope, f: BallotFields): BallotChoices {
  const titles = new Map((ctx.sqlite.prepare('select id, title from vote_items where vote_id = ?').raw().all(voteId) as [string, string][]));
  const given = new Map<string, Choice>();
  for (const c of f.choices) {
    const title = titles.get(c.itemId);
    if (title === undefined) throw new AppError('VALIDATION', '议题不属于这次表决，请刷新后重试');
    if (!scope.items.has(c.itemId) && c.choice !== 'blank') throw new AppError('VALIDATION', `该表决权人在议题“${title}”的范围内没有专有部分，此项应空白`);
    if (given.has(c.itemId)) throw new AppError('VALIDATION', `议题“${title}”填了两次`);
    given.set(c.itemId, c.choice);
  }
  if (!f.valid && f.invalidReason === '') throw new AppError('VALIDATION', '无效票须写明原因', [{ row: null, column: 'invalidReason', message: '无效票须写明原因' }]);
  if ((f.proxyHolder === '') !== (f.proxyDocument === '')) {
    throw new AppError('VALIDATION', '委托代理须同时填写受托人和授权委托书', [{ row: null, column: 'proxyDocument', message: '委托代理须同时填写受托人和授权委托书' }]);
  }
  return [...scope.items].map(([itemId, area]) => ({ itemId, choice: given.get(itemId) ?? 'blank', area }));
}

export type BallotChoices = { itemId: string; choice: Choice; area: number }[];

/**
 * Inserts ballots and their choice rows (inside a write), with the statements
 * prepared once: an import of 20,000 ballots calls it 20,000 times.
 */
export function ballotWriter(ctx: ServiceContext, actor: Actor) {
  const ballot = ctx.sqlite.prepare(`insert into ballots (id, vote_id, subject_id, channel, valid, invalid_reason, proxy_holder, proxy_document, note, entered_by, entered_at, replace_reason)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const choice = ctx.sqlite.prepare('insert into ballot_choices (ballot_id, vote_id, item_id, choice, valid, current, area) values (?, ?, ?, ?, ?, 1, ?)');
  const at = nowIso();
  return (voteId: string, subjectId: string, f: BallotFields, choices: BallotChoices, replaceReason = '', id = newId()): string => {
    ballot.run(id, voteId, subjectId, f.channel, f.valid ? 1 : 0, f.valid ? '' : f.invalidReason, f.proxyHolder,
      sealProxyDocument(ctx.keys, id, f.proxyDocument), f.note, actor.author, at, replaceReason);
    for (const c of choices) choice.run(id, voteId, c.itemId, c.choice, f.valid ? 1 : 0, c.area);
    return id;
  };
}

/** One ballot of a bulk insert: its subject, validity, notes and choices with their areas. */
export interface BulkBallot {
  subjectId: string;
  valid: boolean;
  invalidReason: string;
  note: string;
  choices: BallotChoices;
}

/**
 * Many ballots at once (an import), inside the caller's transaction: two
 * INSERT … SELECT over one JSON text instead of a statement per row. 20,000
 * ballots with 60,000 choices take about two thirds of the time, since each
 * row no longer crosses from JavaScript into SQLite on its own; the triggers
 * that keep vote_tally run for every choice as always. The text is written
 * directly, one element per ballot with its choices inside (item by index):
 * 20,000 short strings rather than 80,000 arrays for the garbage collector.
 */
export function insertBallots(ctx: ServiceContext, actor: Actor, voteId: string, channel: string, ballots: readonly BulkBallot[]): void {
  const items: string[] = [];
  const itemIndex = new Map<string, number>();
  const text = JSON.stringify;
  const rows = ballots.map((b) => {
    const choices = b.choices.map((c) => {
      let i = itemIndex.get(c.itemId);
      if (i === undefined) itemIndex.set(c.itemId, (i = items.push(c.itemId) - 1));
      return `[${i},"${c.choice}",${c.area}]`;
    });
    return `[${text(newId())},${text(b.subjectId)},${b.valid ? 1 : 0},${text(b.valid ? '' : b.invalidReason)},${text(b.note)},[${choices.join(',')}]]`;
  });
  const json = `[${rows.join(',')}]`;
  ctx.sqlite.prepare(`insert into ballots (id, vote_id, subject_id, channel, valid, invalid_reason, proxy_holder, proxy_document, note, entered_by, entered_at, replace_reason)
    select value ->> 0, ?, value ->> 1, ?, value ->> 2, value ->> 3, '', '', value ->> 4, ?, ?, '' from json_each(?)`)
    .run(voteId, channel, actor.author, nowIso(), json);
  ctx.sqlite.prepare(`insert into ballot_choices (ballot_id, vote_id, item_id, choice, valid, current, area)
    select b.value ->> 0, ?, i.value, c.value ->> 1, b.value ->> 2, 1, c.value ->> 2
    from json_each(?) b join json_each(b.value, '$[5]') c join json_each(?) i on i.key = c.value ->> 0`)
    .run(voteId, json, text(items));
}

function progress(ctx: ServiceContext, voteId: string, ballotId: string) {
  return {
    ballotId,
    returned: ctx.sqlite.prepare('select count(*) from ballots where vote_id = ? and superseded_by is null').pluck().get(voteId) as number,
    subjects: ctx.sqlite.prepare('select count(*) from vote_subjects where vote_id = ?').pluck().get(voteId) as number,
  };
}

export function recordBallot(ctx: ServiceContext, actor: Actor, input: BallotFields & { voteId: string; subjectId: string }) {
  const vote = voteRow(ctx, input.voteId);
  if (vote.status === 'closed') throw new AppError('REFUSED', '表决已结束，不能再录入表决票；如发现录入错误，请对该票作更正（修正案）');
  const scope = subjectScope(ctx, input.voteId, input.subjectId);
  const existing = ctx.sqlite.prepare('select id, entered_by as enteredBy, entered_at as enteredAt from ballots where vote_id = ? and subject_id = ? and superseded_by is null')
    .get(input.voteId, input.subjectId) as { id: string; enteredBy: string; enteredAt: string } | undefined;
  if (existing) {
    throw new AppError('REFUSED', `该表决权人已有一张表决票（${existing.enteredBy} 录入），同一表决权人只能有一张票：请核对后选择以本票替换（须写明理由）或放弃本票`,
      { existingBallotId: existing.id });
  }
  const choices = normalizedChoices(ctx, input.voteId, scope, input);
  const id = write(ctx, actor, (tx) => {
    const ballotId = ballotWriter(ctx, actor)(input.voteId, input.subjectId, input, choices);
    tx.audit({ action: 'record', entity: 'ballot', entityId: ballotId, after: auditedBallot(input) });
    return ballotId;
  });
  return progress(ctx, input.voteId, id);
}

/** Replace a current ballot with a new one and the reason; after closing this is an amendment with the tally before and after. */
export function replaceBallot(ctx: ServiceContext, actor: Actor, input: BallotFields & { ballotId: string; reason: string }) {
  const old = ctx.sqlite.prepare('select id, vote_id as voteId, subject_id as subjectId, superseded_by as supersededBy from ballots where id = ?').get(input.ballotId) as
    { id: string; voteId: string; subjectId: string; supersededBy: string | null } | undefined;
  if (!old) throw new AppError('NOT_FOUND', '找不到这张表决票');
  if (old.supersededBy) throw new AppError('REFUSED', '这张表决票已被替换，请对现行的那张票作更正');
  const vote = voteRow(ctx, old.voteId);
  const choices = normalizedChoices(ctx, old.voteId, subjectScope(ctx, old.voteId, old.subjectId), input);
  const closed = vote.status === 'closed';
  const before = closed ? tallyVote(ctx, old.voteId) : null;
  const id = write(ctx, actor, (tx) => {
    // One current ballot per subject (a partial unique index): retire the old one before the new one goes in.
    const ballotId = newId();
    ctx.sqlite.prepare('update ballots set superseded_by = ? where id = ?').run(ballotId, old.id);
    ctx.sqlite.prepare('update ballot_choices set current = 0 where ballot_id = ?').run(old.id);
    ballotWriter(ctx, actor)(old.voteId, old.subjectId, input, choices, input.reason, ballotId);
    tx.audit({ action: closed ? 'amend' : 'replace', entity: 'ballot', entityId: ballotId, before: { ballotId: old.id }, after: auditedBallot(input) });
    if (closed) {
      const after = tallyVote(ctx, old.voteId);
      recordOutcomes(ctx, after);
      ctx.sqlite.prepare('insert into vote_amendments (id, vote_id, reason, ballot_id, tally_before, tally_after, author, at) values (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(newId(), old.voteId, input.reason, ballotId, JSON.stringify(before), JSON.stringify(after), actor.author, nowIso());
    }
    return ballotId;
  });
  return progress(ctx, old.voteId, id);
}
