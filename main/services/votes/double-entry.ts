/**
 * Double entry (an option per vote): a second clerk enters the same stack of
 * ballots independently; every difference from the first entry is listed and
 * must be settled before the vote can close. The first entry is what counts;
 * settling for the second entry replaces the ballot (with the reason), like any
 * correction. Two passes that agree need no confirmation: the subject is
 * checked as soon as the second entry is saved (the settlement list's 已核对).
 * The two passes of a subject are two people's: each has an account of their own,
 * and a pass is refused to whoever entered the subject's other pass (the second
 * pass here, the first in ballots.ts recordBallot). Settling is not a pass: whoever
 * settles reads the paper ballot and writes the reason, so either clerk may.
 */
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import { BALLOT_CHANNELS, CHOICES, SETTLEMENT_STATES, type ballotFields, type differenceRow, type settlementPage, type settlementQuery } from '../../../shared/contract/votes';
import type { Choice } from '../../../shared/domain/tally';
import { nowIso } from '../../db/clock';
import { checkedRows, checkedTuples, oneOf } from '../../db/rows';
import { ballotChecks, ballotChoices, ballots, voteItems, voteSubjects } from '../../db/schema/votes';
import { auditLog } from '../../db/schema/system';
import { replaceBallot } from './ballots';
import { write, type Actor, type ServiceContext } from '../context';
import { isSamePerson } from '../system/auth';
import { voteRow } from './vote-record';
import { openProxyDocument } from '../../security/personal-data';

/** A subject's second-pass entry: the latest replaces any earlier one (one per subject and vote). */
function saveCheck(ctx: ServiceContext, check: typeof ballotChecks.$inferInsert): void {
  ctx.db.insert(ballotChecks).values(check).onConflictDoUpdate({
    target: [ballotChecks.voteId, ballotChecks.subjectId],
    set: {
      valid: sql`excluded.valid`, invalidReason: sql`excluded.invalid_reason`, choices: sql`excluded.choices`,
      enteredBy: sql`excluded.entered_by`, enteredAt: sql`excluded.entered_at`,
    },
  }).run();
}

type BallotFields = z.output<typeof ballotFields>;
type Difference = z.output<typeof differenceRow>;

interface Entry { valid: boolean; invalidReason: string; choices: Map<string, Choice> }

/** ballot_checks.choices: the second clerk's choice per item id, as JSON. */
const storedChoices = z.record(z.string(), z.enum(CHOICES));

function requireDoubleEntry(ctx: ServiceContext, voteId: string) {
  const row = voteRow(ctx, voteId);
  if (!row.doubleEntry) throw new AppError('REFUSED', '这次表决未设定双人录入');
  return row;
}

/** The second clerk's entry of one ballot; entering it again replaces the earlier second entry. */
export function recordCheck(ctx: ServiceContext, actor: Actor, input: BallotFields & { voteId: string; subjectId: string }) {
  const row = requireDoubleEntry(ctx, input.voteId);
  if (row.status === 'closed') throw new AppError('REFUSED', '表决已结束，不能再复核录入');
  if (!ctx.db.select({ id: voteSubjects.id }).from(voteSubjects).where(and(eq(voteSubjects.id, input.subjectId), eq(voteSubjects.voteId, input.voteId))).get()) {
    throw new AppError('NOT_FOUND', '这次表决中没有这个表决权人');
  }
  const choices = JSON.stringify(Object.fromEntries(input.choices.map((c) => [c.itemId, c.choice])));
  write(ctx, actor, (tx) => {
    // Another person's pass, asked inside the write so that no first pass slips in between from another PC. The
    // current ballot's author entered the first pass as it stands (a correction's author, after one); no ballot yet:
    // the second clerk may be ahead of the first (ballots.ts asks the same then). The CLI is not asked (isSamePerson).
    const first = ctx.db.select({ enteredBy: ballots.enteredBy }).from(ballots)
      .where(and(eq(ballots.voteId, input.voteId), eq(ballots.subjectId, input.subjectId), isNull(ballots.supersededBy))).get();
    if (first && isSamePerson(actor, first.enteredBy)) {
      throw new AppError('REFUSED', `双人录入的第二遍须由另一人录入：这张票的第一遍是您录入的（${first.enteredBy}），请由另一位工作人员录入第二遍`);
    }
    saveCheck(ctx, { voteId: input.voteId, subjectId: input.subjectId, valid: input.valid, invalidReason: input.valid ? '' : input.invalidReason, choices, enteredBy: actor.author, enteredAt: nowIso() });
    tx.audit({ action: 'check', entity: 'ballot', entityId: input.subjectId, after: input });
  });
  return { differences: openDifferences(ctx, input.voteId), checked: ctx.db.select({ n: count() }).from(ballotChecks).where(eq(ballotChecks.voteId, input.voteId)).get()!.n };
}

/** The first pass (the current ballots) of these subjects: validity and each item's choice. */
function firstEntries(ctx: ServiceContext, voteId: string, subjectIds: string[]): Map<string, Entry> {
  const out = new Map<string, Entry>();
  if (subjectIds.length === 0) return out;
  for (const b of ctx.db.select({ subjectId: ballots.subjectId, valid: ballots.valid, invalidReason: ballots.invalidReason }).from(ballots)
    .where(and(eq(ballots.voteId, voteId), isNull(ballots.supersededBy), inArray(ballots.subjectId, subjectIds))).all()) {
    out.set(b.subjectId, { valid: b.valid, invalidReason: b.invalidReason, choices: new Map() });
  }
  for (const c of ctx.db.select({ subjectId: ballots.subjectId, itemId: ballotChoices.itemId, choice: ballotChoices.choice }).from(ballotChoices)
    .innerJoin(ballots, eq(ballots.id, ballotChoices.ballotId))
    .where(and(eq(ballots.voteId, voteId), isNull(ballots.supersededBy), inArray(ballots.subjectId, subjectIds), eq(ballotChoices.current, true))).all()) {
    out.get(c.subjectId)?.choices.set(c.itemId, oneOf(CHOICES, c.choice, 'ballot_choices.choice'));
  }
  return out;
}

/** The second pass of these subjects. */
function secondEntries(ctx: ServiceContext, voteId: string, subjectIds: string[]): Map<string, Entry> {
  if (subjectIds.length === 0) return new Map();
  return new Map(ctx.db.select({ subjectId: ballotChecks.subjectId, valid: ballotChecks.valid, invalidReason: ballotChecks.invalidReason, choices: ballotChecks.choices })
    .from(ballotChecks).where(and(eq(ballotChecks.voteId, voteId), inArray(ballotChecks.subjectId, subjectIds))).all()
    .map((c) => [c.subjectId, { valid: c.valid, invalidReason: c.invalidReason, choices: new Map(Object.entries(storedChoices.parse(JSON.parse(c.choices)))) }]));
}

type State = (typeof SETTLEMENT_STATES)[number];
type Entered = 'both' | 'first' | 'second';

/**
 * Each subject either pass entered, with which passes hold it and how they compare, as one SQL
 * expression: the comparison of a 20,000-subject vote stays inside SQLite (the current ballot and the
 * second entry by their unique indexes, each item's choice by ballot_choices' key, the second's from
 * its JSON), and only counts or the page asked for come out. The rule is the one `problemsOf` words:
 * validity, and each item's choice when both read the ballot as valid (a missing choice is blank).
 * Only the second pass is a difference to settle (the first must be entered); only the first is the
 * second pass still to do.
 */
const COMPARED = `with compared as (
  select s.id as id, s.code as code, s.addresses as addresses,
    case when f.id is null then 'second' when c.subject_id is null then 'first' else 'both' end as entered,
    case
      when f.id is null then 'differ'
      when c.subject_id is null then 'missing'
      when f.valid != c.valid then 'differ'
      when f.valid = 1 and exists (
        select 1 from vote_items i where i.vote_id = @vote
          and coalesce((select x.choice from ballot_choices x where x.ballot_id = f.id and x.item_id = i.id), 'blank')
            != coalesce(json_extract(c.choices, '$."' || i.id || '"'), 'blank')) then 'differ'
      else 'agreed'
    end as state
  from vote_subjects s
    left join ballots f on f.vote_id = @vote and f.subject_id = s.id and f.superseded_by is null
    left join ballot_checks c on c.vote_id = @vote and c.subject_id = s.id
  where s.vote_id = @vote and (f.id is not null or c.subject_id is not null)
)`;

const stateCount = z.object({ state: z.enum(SETTLEMENT_STATES), n: z.number().int() });

function stateCounts(ctx: ServiceContext, voteId: string): Record<State, number> {
  const counts = { differ: 0, missing: 0, agreed: 0 };
  for (const r of checkedRows(stateCount, ctx.sqlite.prepare(`${COMPARED} select state, count(*) as n from compared group by state`).all({ vote: voteId }))) counts[r.state] = r.n;
  return counts;
}

/**
 * Every compared subject's id, passes and state in code order (the code index gives the order): one pass
 * of the comparison, whose counts and page are then taken from these short rows.
 */
function comparedStates(ctx: ServiceContext, voteId: string): [id: string, entered: Entered, state: State][] {
  const rows = checkedTuples(['text', 'text', 'text'] as const, ctx.sqlite.prepare(`${COMPARED} select id, entered, state from compared order by code`).raw().all({ vote: voteId }));
  return rows.map(([id, entered, state]) => [id, oneOf(['both', 'first', 'second'] as const, entered, 'entered'), oneOf(SETTLEMENT_STATES, state, 'state')]);
}

/** These rows (in this order) with their code, addresses and problems in words: a few queries for the page, none per row. */
function describe(ctx: ServiceContext, voteId: string, rows: [id: string, entered: Entered, state: State][]): (Difference & { state: State; entered: Entered })[] {
  const ids = rows.map(([id]) => id);
  if (ids.length === 0) return [];
  const subjects = new Map(ctx.db.select({ id: voteSubjects.id, code: voteSubjects.code, addresses: voteSubjects.addresses }).from(voteSubjects)
    .where(and(eq(voteSubjects.voteId, voteId), inArray(voteSubjects.id, ids))).all().map((r) => [r.id, r]));
  const first = firstEntries(ctx, voteId, ids);
  const second = secondEntries(ctx, voteId, ids);
  const items = ctx.db.select({ id: voteItems.id, title: voteItems.title }).from(voteItems).where(eq(voteItems.voteId, voteId)).orderBy(voteItems.position).all();
  return rows.map(([id, entered, state]) => ({
    subjectId: id, code: subjects.get(id)?.code ?? '', addresses: subjects.get(id)?.addresses ?? '', state, entered,
    problems: problemsOf(first.get(id), second.get(id), items),
  }));
}

/** What differs between the two passes of one subject, in the words the settlement list shows. */
function problemsOf(a: Entry | undefined, b: Entry | undefined, items: { id: string; title: string }[]): string[] {
  if (!a) return ['只有第二遍录入'];
  if (!b) return ['只有第一遍录入'];
  const problems: string[] = [];
  if (a.valid !== b.valid) problems.push(`有效性不同：第一遍${a.valid ? '有效' : '无效'}，第二遍${b.valid ? '有效' : '无效'}`);
  // An invalid ballot counts for none of its marks: compare the marks only when both passes read it as valid.
  if (a.valid && b.valid) for (const item of items) {
    const x = a.choices.get(item.id) ?? 'blank';
    const y = b.choices.get(item.id) ?? 'blank';
    if (x !== y) problems.push(`议题“${item.title}”：第一遍${WORD[x]}，第二遍${WORD[y]}`);
  }
  return problems;
}

/** How many subjects still block closing: the passes differ, or one is missing. */
export function openDifferences(ctx: ServiceContext, voteId: string): number {
  const counts = stateCounts(ctx, voteId);
  return counts.differ + counts.missing;
}

/** Every subject whose two entries differ (or that only one clerk entered), in code order: what blocks closing. */
export function differences(ctx: ServiceContext, voteId: string, limit = Infinity): Difference[] {
  const open = comparedStates(ctx, voteId).filter(([, , state]) => state !== 'agreed').slice(0, limit);
  return describe(ctx, voteId, open).map(({ subjectId, code, addresses, problems }) => ({ subjectId, code, addresses, problems }));
}

/** The settlement list: the count of each state, and one page of the rows in the state asked for. */
export function settlement(ctx: ServiceContext, input: z.output<typeof settlementQuery>): z.output<typeof settlementPage> {
  requireDoubleEntry(ctx, input.id);
  const all = comparedStates(ctx, input.id);
  const counts = { differ: 0, missing: 0, agreed: 0 };
  for (const [, , state] of all) counts[state]++;
  const page = describe(ctx, input.id, all.filter(([, , state]) => state === input.state).slice(input.offset, input.offset + input.limit));
  // Which agreeing rows were settled, from the audit log: one query for the page shown.
  const settled = new Map<string, 'first' | 'second'>();
  const agreed = page.filter((c) => c.state === 'agreed').map((c) => c.subjectId);
  if (agreed.length > 0) {
    for (const a of ctx.db.select({ entityId: auditLog.entityId, after: auditLog.after }).from(auditLog)
      .where(and(eq(auditLog.entity, 'ballot'), eq(auditLog.action, 'settle'), inArray(auditLog.entityId, agreed))).orderBy(auditLog.at).all()) {
      const keep = settledAudit.safeParse(JSON.parse(a.after ?? 'null'));
      if (a.entityId !== null && keep.success) settled.set(a.entityId, keep.data.keep);
    }
  }
  return { counts, total: counts[input.state], rows: page.map((c) => ({ ...c, settled: settled.get(c.subjectId) ?? null })) };
}

/** A settle audit row's `after`: which pass was kept. */
const settledAudit = z.object({ keep: z.enum(['first', 'second']) });

const WORD: Record<Choice, string> = { yes: '同意', no: '反对', abstain: '弃权', blank: '空白' };

/**
 * Settle one difference: keep the first entry (the second is overwritten to
 * match) or take the second (the ballot is replaced with the reason).
 */
export function settleDifference(ctx: ServiceContext, actor: Actor, input: { voteId: string; subjectId: string; keep: 'first' | 'second'; reason: string }) {
  requireDoubleEntry(ctx, input.voteId);
  const first = firstEntries(ctx, input.voteId, [input.subjectId]).get(input.subjectId);
  const second = secondEntries(ctx, input.voteId, [input.subjectId]).get(input.subjectId);
  if (input.keep === 'second') {
    if (!second) throw new AppError('REFUSED', '没有第二遍录入可采用');
    const current = ctx.db.select({ id: ballots.id, channel: ballots.channel, proxyHolder: ballots.proxyHolder, proxyDocument: ballots.proxyDocument, note: ballots.note })
      .from(ballots).where(and(eq(ballots.voteId, input.voteId), eq(ballots.subjectId, input.subjectId), isNull(ballots.supersededBy))).get();
    if (!current) throw new AppError('REFUSED', '第一遍没有录入这张票：请在录入界面按第二遍的内容录入');
    // Validity and choices from the second pass; how the ballot came in (channel, proxy) stays the first pass's record.
    // One transaction: the replacement (audited as a replacement) and the settling, which the settlement list shows.
    write(ctx, actor, (tx) => {
      replaceBallot(ctx, actor, {
        ballotId: current.id, reason: `双人录入核对：${input.reason}`, valid: second.valid, invalidReason: second.invalidReason, channel: oneOf(BALLOT_CHANNELS, current.channel, 'ballots.channel'),
        proxyHolder: current.proxyHolder, proxyDocument: openProxyDocument(ctx.keys, current.id, current.proxyDocument), note: current.note,
        choices: [...second.choices].map(([itemId, choice]) => ({ itemId, choice })),
      });
      tx.audit({ action: 'settle', entity: 'ballot', entityId: input.subjectId, after: { keep: 'second', reason: input.reason } });
    });
    return { differences: openDifferences(ctx, input.voteId) };
  }
  if (!first) throw new AppError('REFUSED', '没有第一遍录入可保留：请核对原票后在录入界面录入');
  write(ctx, actor, (tx) => {
    saveCheck(ctx, {
      voteId: input.voteId, subjectId: input.subjectId, valid: first.valid, invalidReason: first.invalidReason,
      choices: JSON.stringify(Object.fromEntries(first.choices)), enteredBy: actor.author, enteredAt: nowIso(),
    });
    tx.audit({ action: 'settle', entity: 'ballot', entityId: input.subjectId, after: { keep: 'first', reason: input.reason } });
  });
  return { differences: openDifferences(ctx, input.voteId) };
}
