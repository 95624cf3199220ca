/**
 * Double entry (an option per vote): a second clerk enters the same stack of
 * ballots independently; every difference from the first entry is listed and
 * must be settled before the vote can close. The first entry is what counts;
 * settling for the second entry replaces the ballot (with the reason), like any
 * correction. Two passes that agree need no confirmation: the subject is
 * checked as soon as the second entry is saved (the settlement list's 已核对).
 */
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import { BALLOT_CHANNELS, CHOICES, SETTLEMENT_STATES, type ballotFields, type differenceRow, type settlementPage, type settlementQuery } from '../../../shared/contract/votes';
import type { Choice } from '../../../shared/domain/tally';
import { nowIso } from '../../db/clock';
import { oneOf } from '../../db/rows';
import { ballotChecks, ballotChoices, ballots, voteItems, voteSubjects } from '../../db/schema/votes';
import { auditLog } from '../../db/schema/system';
import { replaceBallot } from './ballots';
import { write, type Actor, type ServiceContext } from '../context';
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
  // Who entered each pass is recorded (entered_by, audit). The app has one account per office PC for now,
  // so the same account may enter both passes; independence is the clerks' practice, not an account check.
  if (!ctx.db.select({ id: voteSubjects.id }).from(voteSubjects).where(and(eq(voteSubjects.id, input.subjectId), eq(voteSubjects.voteId, input.voteId))).get()) {
    throw new AppError('NOT_FOUND', '这次表决中没有这个表决权人');
  }
  const choices = JSON.stringify(Object.fromEntries(input.choices.map((c) => [c.itemId, c.choice])));
  write(ctx, actor, (tx) => {
    saveCheck(ctx, { voteId: input.voteId, subjectId: input.subjectId, valid: input.valid, invalidReason: input.valid ? '' : input.invalidReason, choices, enteredBy: actor.author, enteredAt: nowIso() });
    tx.audit({ action: 'check', entity: 'ballot', entityId: input.subjectId, after: input });
  });
  return { differences: differences(ctx, input.voteId).length, checked: ctx.db.select({ n: count() }).from(ballotChecks).where(eq(ballotChecks.voteId, input.voteId)).get()!.n };
}

function firstEntries(ctx: ServiceContext, voteId: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const b of ctx.db.select({ subjectId: ballots.subjectId, valid: ballots.valid, invalidReason: ballots.invalidReason }).from(ballots)
    .where(and(eq(ballots.voteId, voteId), isNull(ballots.supersededBy))).all()) {
    out.set(b.subjectId, { valid: b.valid, invalidReason: b.invalidReason, choices: new Map() });
  }
  for (const c of ctx.db.select({ subjectId: ballots.subjectId, itemId: ballotChoices.itemId, choice: ballotChoices.choice }).from(ballotChoices)
    .innerJoin(ballots, eq(ballots.id, ballotChoices.ballotId)).where(and(eq(ballotChoices.voteId, voteId), eq(ballotChoices.current, true))).all()) {
    out.get(c.subjectId)?.choices.set(c.itemId, oneOf(CHOICES, c.choice, 'ballot_choices.choice'));
  }
  return out;
}

function secondEntries(ctx: ServiceContext, voteId: string): Map<string, Entry> {
  return new Map(ctx.db.select({ subjectId: ballotChecks.subjectId, valid: ballotChecks.valid, invalidReason: ballotChecks.invalidReason, choices: ballotChecks.choices })
    .from(ballotChecks).where(eq(ballotChecks.voteId, voteId)).all()
    .map((c) => [c.subjectId, { valid: c.valid, invalidReason: c.invalidReason, choices: new Map(Object.entries(storedChoices.parse(JSON.parse(c.choices)))) }]));
}

type State = (typeof SETTLEMENT_STATES)[number];
interface Compared extends Difference { state: State; entered: 'both' | 'first' | 'second' }

/**
 * Every subject that either pass entered, in code order, with how the two compare: the whole vote in
 * five queries and one pass over the rows (no query per subject), so that the list and its counts stay
 * quick on a 20,000-subject vote.
 */
function compareAll(ctx: ServiceContext, voteId: string): Compared[] {
  const first = firstEntries(ctx, voteId);
  const second = secondEntries(ctx, voteId);
  const items = ctx.db.select({ id: voteItems.id, title: voteItems.title }).from(voteItems).where(eq(voteItems.voteId, voteId)).orderBy(voteItems.position).all();
  const subjects = ctx.db.select({ id: voteSubjects.id, code: voteSubjects.code, addresses: voteSubjects.addresses }).from(voteSubjects)
    .where(eq(voteSubjects.voteId, voteId)).orderBy(voteSubjects.code).all();
  const out: Compared[] = [];
  for (const s of subjects) {
    const a = first.get(s.id);
    const b = second.get(s.id);
    if (!a && !b) continue;
    const problems: string[] = [];
    if (!a) problems.push('只有第二遍录入');
    else if (!b) problems.push('只有第一遍录入');
    else {
      if (a.valid !== b.valid) problems.push(`有效性不同：第一遍${a.valid ? '有效' : '无效'}，第二遍${b.valid ? '有效' : '无效'}`);
      // An invalid ballot counts for none of its marks: compare the marks only when both passes read it as valid.
      if (a.valid && b.valid) for (const item of items) {
        const x = a.choices.get(item.id) ?? 'blank';
        const y = b.choices.get(item.id) ?? 'blank';
        if (x !== y) problems.push(`议题“${item.title}”：第一遍${WORD[x]}，第二遍${WORD[y]}`);
      }
    }
    // Only the second pass is a difference to settle (the first must be entered); only the first is the second pass still to do.
    const state: State = a && !b ? 'missing' : problems.length > 0 ? 'differ' : 'agreed';
    out.push({ subjectId: s.id, code: s.code, addresses: s.addresses, problems, state, entered: a && b ? 'both' : a ? 'first' : 'second' });
  }
  return out;
}

/** Every subject whose two entries differ (or that only one clerk entered), in code order: what blocks closing. */
export function differences(ctx: ServiceContext, voteId: string): Difference[] {
  return compareAll(ctx, voteId).filter((c) => c.state !== 'agreed').map(({ subjectId, code, addresses, problems }) => ({ subjectId, code, addresses, problems }));
}

/** The settlement list: the count of each state, and one page of the rows in the state asked for. */
export function settlement(ctx: ServiceContext, input: z.output<typeof settlementQuery>): z.output<typeof settlementPage> {
  requireDoubleEntry(ctx, input.id);
  const all = compareAll(ctx, input.id);
  const counts = { differ: 0, missing: 0, agreed: 0 };
  for (const c of all) counts[c.state]++;
  const matching = all.filter((c) => c.state === input.state);
  const page = matching.slice(input.offset, input.offset + input.limit);
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
  return { counts, total: matching.length, rows: page.map((c) => ({ ...c, settled: settled.get(c.subjectId) ?? null })) };
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
  const first = firstEntries(ctx, input.voteId).get(input.subjectId);
  const second = secondEntries(ctx, input.voteId).get(input.subjectId);
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
    return { differences: differences(ctx, input.voteId).length };
  }
  if (!first) throw new AppError('REFUSED', '没有第一遍录入可保留：请核对原票后在录入界面录入');
  write(ctx, actor, (tx) => {
    saveCheck(ctx, {
      voteId: input.voteId, subjectId: input.subjectId, valid: first.valid, invalidReason: first.invalidReason,
      choices: JSON.stringify(Object.fromEntries(first.choices)), enteredBy: actor.author, enteredAt: nowIso(),
    });
    tx.audit({ action: 'settle', entity: 'ballot', entityId: input.subjectId, after: { keep: 'first', reason: input.reason } });
  });
  return { differences: differences(ctx, input.voteId).length };
}
